using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Campaigns.Web.Tests.CampaignPages.CampaignPageParts;
using static Microsoft.Playwright.Assertions;

namespace Campaigns.Web.Tests.Journey;

/// <summary>
/// The issue's proof, as a marketer does it, through the page alone: sign in, upload the sample, see its counts, write a
/// template with an error and see it inline, fix it, preview real rows, start the campaign against the sandbox and
/// watch its counts move without a reload, pause and resume it, and download the report. Only the sender is arranged
/// through the API (linking by QR code has its own test in SendersPageTests), because a new number's warm-up and the
/// default pacing would take minutes per message.
/// </summary>
public sealed class MarketerJourneyTests(WebEnvironment env)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Marketer_SignsInUploadsWritesStartsPausesResumesAndDownloads_ThroughThePageAlone()
    {
        var tenant = await env.CreateTenantAsync("Shop marketing");
        var (instance, _) = await env.AddOpenSenderAsync(tenant);
        var page = await env.OpenAsync(signedInAs: null, "/campaigns");

        // Sign in.
        await page.GetByLabel("API key").FillAsync(tenant.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#tenant-name")).ToHaveTextAsync("Shop marketing");

        // Upload the sample and see its counts.
        await page.GetByRole(AriaRole.Link, new() { Name = "Contact lists" }).ClickAsync();
        await page.GetByLabel("CSV file").SetInputFilesAsync(WebEnvironment.SamplePath);
        await page.GetByLabel("List name (optional)").FillAsync("Spring customers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();
        var result = page.Locator(".import-done");
        await Expect(result).ToContainTextAsync(new Regex(@"Imported\s*132\s*contacts kept"));
        await Expect(result).ToContainTextAsync(new Regex(@"Invalid\s*10\s*unusable"));
        await Expect(result).ToContainTextAsync(new Regex(@"Duplicates\s*8\s*repeats"));
        await result.GetByRole(AriaRole.Link, new() { Name = "Open the list" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New campaign from this list" }).ClickAsync();

        // A template with an error, shown inline where it is; then fixed, and the preview shows real rows.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Spring offer");
        var message = page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await message.FillAsync("{Hi|Hello} {{ first_name");
        await Expect(message).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(message).ToHaveAccessibleDescriptionAsync(new Regex("line 1, column \\d+: this code block is never closed"));
        await message.FillAsync(WebEnvironment.SampleTemplate);
        await Expect(message).Not.ToHaveAttributeAsync("aria-invalid", "true");
        var preview = page.GetByRole(AriaRole.Table, new() { Name = "Preview of the first contacts' messages" }).Locator("tbody tr");
        await Expect(preview).ToHaveCountAsync(10);
        await Expect(preview.First.Locator("td").Nth(2)).ToHaveTextAsync(new Regex("^(Hi|Hello|Hey) \\S+! (Good|Some) news for "));
        await Expect(page.GetByText("The ≤ 10 rule holds")).ToBeVisibleAsync();

        // Its sender, and a window open all day (two ranges: one range cannot be all day), then prepare.
        await page.GetByLabel(new Regex($"^{Regex.Escape(instance)} ")).CheckAsync();
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("00:00");
        await page.GetByLabel("Until", new() { Exact = true }).FillAsync("12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a range" }).ClickAsync();
        await page.GetByLabel("From (range 2)").FillAsync("12:00");
        await page.GetByLabel("Until (range 2)").FillAsync("00:00");
        await page.GetByLabel("Time zone").SelectOptionAsync("UTC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and prepare" }).ClickAsync();

        // The campaign's page: ready, then started, and its counts move without a reload.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spring offer" })).ToBeVisibleAsync();
        await page.EvaluateAsync("window.notReloaded = true");
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Expect(start).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await start.ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("running");
        var totals = Totals(page);
        await Expect(totals).ToHaveTextAsync(SentSome(), new() { Timeout = 30_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("running");
        var sentBefore = await SentInAllAsync(page);
        await Expect(totals).Not.ToHaveTextAsync(SentExactly(sentBefore), new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "The page was reloaded.");

        // The report: one line per recipient.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download the report (CSV)" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        var csv = await File.ReadAllTextAsync(path, Cancel);
        File.Delete(path);
        Assert.StartsWith("phone,", csv, StringComparison.Ordinal);
        Assert.Equal(132, Records(csv) - 1); // one record per recipient (a cell of the sample holds a line break)
        var id = Regex.Match(page.Url, "#/campaigns/([0-9a-f-]{36})").Groups[1].Value;
        var campaign = await tenant.Api.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel);
        Assert.True(campaign.GetProperty("counts").GetProperty("sent").GetInt32() + campaign.GetProperty("counts").GetProperty("delivered").GetInt32()
            + campaign.GetProperty("counts").GetProperty("read").GetInt32() > 0);
        await env.AssertNoPageErrorsAsync(page);
    }
}
