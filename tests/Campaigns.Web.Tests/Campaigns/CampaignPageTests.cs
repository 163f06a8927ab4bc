using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Campaigns.Web.Tests.CampaignPages.CampaignPageParts;
using static Microsoft.Playwright.Assertions;

namespace Campaigns.Web.Tests.CampaignPages; // not ".Campaigns": it would hide the root namespace Campaigns from the other tests

/// <summary>
/// The campaigns index and one campaign's page, against the sandbox: starting, watching the counts move without a
/// reload, pausing, resuming, cancelling, test sends, the report, the chart and its table, on a laptop and a phone.
/// </summary>
public sealed partial class CampaignPageTests(WebEnvironment env)
{
    private const string Template = WebEnvironment.SampleTemplate;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CampaignPage_StartedFromThePage_CountsMoveLiveThroughPauseAndResume_AndTheReportDownloads()
    {
        var tenant = await env.CreateTenantAsync();
        var (instance, sender) = await env.AddOpenSenderAsync(tenant);
        var id = await PreparedAsync(tenant, sender, "Spring offer");
        var page = await env.OpenAsync(tenant, $"/campaigns/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spring offer" })).ToBeVisibleAsync();
        await Expect(Status(page)).ToHaveTextAsync("ready");
        await page.EvaluateAsync("window.notReloaded = true");

        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await Expect(Status(page)).ToHaveTextAsync("running");
        await Expect(page.Locator("#announcer")).ToHaveTextAsync("The campaign is now running.");
        await Expect(page.Locator(".campaign-totals")).ToHaveTextAsync(SentSome());
        await Expect(page.Locator(".timeline-plot canvas")).ToBeVisibleAsync();
        await page.GetByText("The chart as a table").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Messages over time" }).Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Progress per sender" })).ToContainTextAsync(instance);

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("paused");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("running");
        var sentBefore = await SentInAllAsync(page);
        await Expect(page.Locator(".campaign-totals")).Not.ToHaveTextAsync(SentExactly(sentBefore));
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "The page was reloaded.");
        await WebEnvironment.ScreenshotAsync(page, "campaign"); // a few seconds in: the chart has a shape

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download the report (CSV)" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        var csv = await File.ReadAllTextAsync(path, Cancel);
        File.Delete(path);
        var campaign = await tenant.Api.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel);
        var header = csv[..csv.IndexOf('\n', StringComparison.Ordinal)];
        Assert.StartsWith("phone,first_name,last_name,", header, StringComparison.Ordinal);
        Assert.EndsWith(",status,sent_at,delivered_at,read_at,replied_at,error,error_message", header, StringComparison.Ordinal);
        Assert.Equal(campaign.GetProperty("progress").GetProperty("total").GetInt32(), Records(csv) - 1);
        await WebEnvironment.AssertAccessibleAsync(page);
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task CampaignPage_Cancel_AsksFirst_ThenRetryingTheUnreachedOpensTheNewDraft()
    {
        var tenant = await env.CreateTenantAsync();
        var (_, sender) = await env.AddOpenSenderAsync(tenant);
        var id = await StartedAsync(tenant, sender, "Flash sale");
        var page = await env.OpenAsync(tenant, $"/campaigns/{id}");
        await Expect(Status(page)).ToHaveTextAsync("running");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel campaign" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Cancel this campaign?" });
        await Expect(dialog).ToBeVisibleAsync();
        await WebEnvironment.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal("running", await StatusOfAsync(tenant, id));

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel campaign" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel campaign" }).ClickAsync();

        await Expect(Status(page)).ToHaveTextAsync("cancelled");
        Assert.Equal("cancelled", await StatusOfAsync(tenant, id));
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry the unreached" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex(Regex.Escape(id.ToString()) + "$"));
        await Expect(Status(page)).ToHaveTextAsync("draft");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveAttributeAsync("href", new Regex("^#/campaigns/.+/edit$"));
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task CampaignPage_TestSend_ShowsAFieldErrorInline_ThenTheTestAndHowItFared()
    {
        var tenant = await env.CreateTenantAsync();
        var (_, sender) = await env.AddOpenSenderAsync(tenant);
        var id = await PreparedAsync(tenant, sender, "Welcome");
        var page = await env.OpenAsync(tenant, $"/campaigns/{id}");
        var number = page.GetByLabel("Phone number");

        await number.FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await Expect(number).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".field-error").First).ToBeVisibleAsync();

        await number.FillAsync("+254712345678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();

        await Expect(number).Not.ToHaveAttributeAsync("aria-invalid", "true");
        var tests = page.GetByRole(AriaRole.Table, new() { Name = "Test sends, newest first" });
        await Expect(tests).ToContainTextAsync("+254712345678");
        // Its message's status as the API lists it (GET …/tests), read again while the test runs, until it is sent: from a
        // sender that never sent before, of a campaign not started (receipts come later by webhook).
        await Expect(tests.Locator("tbody tr").First.Locator(".badge")).ToHaveTextAsync(new Regex("^(sent|delivered|read)$"), new() { Timeout = 30_000 });
        await Expect(Status(page)).ToHaveTextAsync("ready"); // a test is not the campaign
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task CampaignPage_StartWithoutAUsableSender_NamesTheSenderAndWhy()
    {
        var tenant = await env.CreateTenantAsync();
        var (instance, sender) = await env.AddOpenSenderAsync(tenant);
        var id = await PreparedAsync(tenant, sender, "Nobody can send");
        using (var paused = await tenant.Api.PostAsync($"/api/senders/{sender}/pause", null, Cancel))
        {
            await WebEnvironment.ReadAsync(paused);
        }

        var page = await env.OpenAsync(tenant, $"/campaigns/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("campaign.no_usable_senders");
        await Expect(alert.Locator(".refused-senders li")).ToContainTextAsync(instance);
        await Expect(Status(page)).ToHaveTextAsync("ready");
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task CampaignPage_OnAPhone_FitsTheScreen_WithTheChartAndItsTable()
    {
        var tenant = await env.CreateTenantAsync();
        var (_, sender) = await env.AddOpenSenderAsync(tenant);
        var id = await StartedAsync(tenant, sender, "Phone check");

        var page = await env.OpenAsync(tenant, $"/campaigns/{id}", WebEnvironment.Phone);

        await Expect(page.Locator(".campaign-totals")).ToHaveTextAsync(SentSome());
        await Expect(page.Locator(".timeline-plot canvas")).ToBeVisibleAsync();
        var width = await page.Locator(".timeline-plot").EvaluateAsync<double>("e => e.getBoundingClientRect().width");
        var canvas = await page.Locator(".timeline-plot canvas").First.EvaluateAsync<double>("e => e.getBoundingClientRect().width");
        Assert.InRange(canvas, 200, width + 1); // the chart follows its container
        await Expect(page.GetByText("The chart as a table")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways.");
        await WebEnvironment.AssertAccessibleAsync(page);
        await WebEnvironment.ScreenshotAsync(page, "campaign-phone");
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task CampaignsIndex_ListsTheCampaignsWithCountsAndTheStatistics()
    {
        var tenant = await env.CreateTenantAsync();
        var (_, sender) = await env.AddOpenSenderAsync(tenant);
        var running = await StartedAsync(tenant, sender, "Running one");
        await CreateAsync(tenant, sender, "Draft one", await WebEnvironment.ImportSampleAsync(tenant));

        var page = await env.OpenAsync(tenant, "/campaigns");

        var table = page.GetByRole(AriaRole.Table, new() { Name = "Campaigns, newest first" });
        var runningRow = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Running one" });
        await Expect(runningRow).ToContainTextAsync("running");
        await Expect(runningRow).ToContainTextAsync(new Regex(@"\d+ % of \d+"));
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Draft one" })).ToContainTextAsync("not prepared");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "All campaigns" })).ToContainTextAsync("Delivery rate");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New campaign" })).ToHaveAttributeAsync("href", "#/campaigns/new");
        await WebEnvironment.AssertAccessibleAsync(page);
        await WebEnvironment.ScreenshotAsync(page, "campaigns");

        await table.GetByRole(AriaRole.Link, new() { Name = "Running one" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/campaigns/{running}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Running one" })).ToBeVisibleAsync();
        await env.AssertNoPageErrorsAsync(page);
    }

    private static async Task<string?> StatusOfAsync(Tenant tenant, Guid id) =>
        (await tenant.Api.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel)).GetProperty("status").GetString();

    private static async Task<Guid> CreateAsync(Tenant tenant, Guid sender, string name, Guid list)
    {
        using var created = await tenant.Api.PostAsJsonAsync("/api/campaigns", new
        {
            name,
            contactListId = list,
            senderIds = new[] { sender },
            template = Template,
            sendWindow = new { ranges = new[] { new { start = "00:00", end = "12:00" }, new { start = "12:00", end = "00:00" } }, timeZone = "UTC" },
        }, Cancel);
        return (await WebEnvironment.ReadAsync(created)).GetProperty("id").GetGuid();
    }

    /// <summary>A campaign over the sample list, prepared through the API; answers once it is ready.</summary>
    private static async Task<Guid> PreparedAsync(Tenant tenant, Guid sender, string name)
    {
        var id = await CreateAsync(tenant, sender, name, await WebEnvironment.ImportSampleAsync(tenant));
        using (var prepare = await tenant.Api.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel))
        {
            await WebEnvironment.ReadAsync(prepare);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await StatusOfAsync(tenant, id) is var status && status != "ready")
        {
            Assert.True(status == "preparing" && DateTime.UtcNow < deadline, $"The campaign is {status}, not ready.");
            await Task.Delay(100, Cancel);
        }

        return id;
    }

    private static async Task<Guid> StartedAsync(Tenant tenant, Guid sender, string name)
    {
        var id = await PreparedAsync(tenant, sender, name);
        using var started = await tenant.Api.PostAsync($"/api/campaigns/{id}/start", null, Cancel);
        await WebEnvironment.ReadAsync(started);
        return id;
    }
}
