using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Campaigns.Web.Tests.Lists;

/// <summary>The contact lists pages: uploading a CSV with progress, the import's counts and report, contacts, delete.</summary>
public sealed class ListsPageTests(WebEnvironment env)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_Sample_ShowsTheBarWhileItGoesThenTheCountsAndTheList()
    {
        var tenant = await env.CreateTenantAsync();
        var page = await env.OpenAsync(tenant, "/lists");
        await Expect(page.GetByText("No lists yet: upload a CSV file above.")).ToBeVisibleAsync();
        await WebEnvironment.AssertAccessibleAsync(page);

        await page.GetByLabel("CSV file").SetInputFilesAsync(WebEnvironment.SamplePath);
        await page.GetByLabel("List name (optional)").FillAsync("March customers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();

        var result = page.Locator(".import-done");
        await Expect(result).ToContainTextAsync("Imported “March customers”.");
        await Expect(result).ToContainTextAsync(new Regex(@"Imported\s*132\s*contacts kept"));
        await Expect(result).ToContainTextAsync(new Regex(@"Invalid\s*10\s*unusable"));
        await Expect(result).ToContainTextAsync(new Regex(@"Duplicates\s*8\s*repeats"));
        await Expect(result).ToContainTextAsync(new Regex(@"Suppressed\s*0\s*on the"));
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Uploaded contacts.csv" })).ToHaveAttributeAsync("value", "1");
        var row = page.GetByRole(AriaRole.Region, new() { Name = "Contact lists" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "March customers" });
        await Expect(row).ToContainTextAsync(new Regex(@"contacts\.csv\s*150\s*132\s*10\s*8\s*0"));
        await WebEnvironment.AssertAccessibleAsync(page);
        await WebEnvironment.ScreenshotAsync(page, "list-import");

        await result.GetByRole(AriaRole.Link, new() { Name = "Open the list" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "March customers", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New campaign from this list" })).ToHaveAttributeAsync(
            "href", new Regex(@"^#/campaigns/new\?list=[0-9a-f-]{36}$"));
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task Upload_LargeFile_ShowsTheBytesGoingThenTheRefusalUnderTheFileField()
    {
        var tenant = await env.CreateTenantAsync();
        var page = await env.OpenAsync(tenant, "/lists");
        // 60 MB that starts like a zip (an .xlsx saved by mistake): the server takes it all in, then refuses it.
        var path = Path.Combine(Path.GetTempPath(), $"campaigns-{Guid.NewGuid():N}.csv");
        await using (var file = File.Create(path))
        {
            var chunk = new byte[1024 * 1024];
            "PK\u0003\u0004"u8.CopyTo(chunk);
            for (var i = 0; i < 60; i++)
            {
                await file.WriteAsync(chunk, Cancel);
                chunk.AsSpan(0, 4).Clear();
            }
        }

        try
        {
            // Every value the bar shows, from the first byte to the end.
            await page.EvaluateAsync(
                """
                () => {
                  window.shown = [];
                  new MutationObserver(() => {
                    const bar = document.querySelector('.upload-progress progress');
                    if (bar) window.shown.push([Number(bar.value), Number(bar.max)]);
                  }).observe(document.getElementById('main'), { subtree: true, childList: true, attributes: true, attributeFilter: ['value', 'max'] });
                }
                """);
            await page.GetByLabel("CSV file").SetInputFilesAsync(path);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();

            var file = page.GetByLabel("CSV file");
            await Expect(file).ToHaveAttributeAsync("aria-invalid", "true", new() { Timeout = 30_000 });
            await Expect(file).ToHaveAccessibleDescriptionAsync(new Regex("The file is not a CSV file: it is a spreadsheet or zip archive"));
            var shown = await page.EvaluateAsync<double[][]>("() => window.shown");
            var seen = string.Join(" ", shown.Select(v => $"{v[0]}/{v[1]}"));
            Assert.Contains(shown, v => v[0] > 0 && v[0] < v[1] && v[1] >= 60 * 1024 * 1024); // part-way, in bytes of the body
            Assert.True(shown.Select(v => v[0] / v[1]).Zip(shown.Skip(1).Select(v => v[0] / v[1])).All(p => p.First <= p.Second), seen);
            await Expect(page.GetByText("The import was refused: see the message above.")).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(path);
        }

        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task Detail_Sample_ShowsTheReportWithLineNumbersAndPagesThroughTheContacts()
    {
        var tenant = await env.CreateTenantAsync();
        var id = await WebEnvironment.ImportSampleAsync(tenant);
        var page = await env.OpenAsync(tenant, $"/lists/{id}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "contacts.csv", Level = 1 })).ToBeVisibleAsync();
        var report = page.GetByRole(AriaRole.Region, new() { Name = "Rows not imported" });
        await Expect(report.GetByRole(AriaRole.Row)).ToHaveCountAsync(19); // the header and the 18 rows of the sample's report
        await Expect(report.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync(new Regex(@"^\s*8\s*0798 111 222\s*the row has 3 fields but the header has 8"));
        await Expect(report.GetByRole(AriaRole.Row).Filter(new() { HasText = "+999 12345678" })).ToContainTextAsync(new Regex(@"^\s*49\s*\+999 12345678\s*unknown country code"));
        await Expect(report.GetByRole(AriaRole.Row).Filter(new() { HasText = "no phone number" })).ToContainTextAsync(new Regex(@"^\s*78\s*\(empty\)"));

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download the report (CSV)" }).ClickAsync());
        Assert.Equal("contacts-errors.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Cancel);
        Assert.StartsWith("line,value,reason\n8,0798 111 222,", csv, StringComparison.Ordinal);

        // 132 contacts, 25 a page: six pages through the cursor, in phone order, and back.
        var contacts = page.GetByRole(AriaRole.Region, new() { Name = "Contacts" });
        await Expect(contacts.GetByRole(AriaRole.Row)).ToHaveCountAsync(26);
        var firstPhone = await contacts.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Rowheader).TextContentAsync();
        var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Contacts: pages" });
        await Expect(pages).ToContainTextAsync("Page 1: 25 contacts.");
        for (var number = 2; number <= 6; number++)
        {
            await pages.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
            await Expect(pages).ToContainTextAsync(number < 6 ? $"Page {number}: 25 contacts." : "Page 6, the last: 7 contacts.");
        }

        await Expect(contacts.GetByRole(AriaRole.Row)).ToHaveCountAsync(8);
        await Expect(pages.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();
        var lastPhone = await contacts.GetByRole(AriaRole.Row).Last.GetByRole(AriaRole.Rowheader).TextContentAsync();
        Assert.True(string.CompareOrdinal(firstPhone, lastPhone) < 0, $"{firstPhone} should come before {lastPhone}");
        for (var number = 5; number >= 1; number--)
        {
            await pages.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
            await Expect(pages).ToContainTextAsync($"Page {number}: 25 contacts.");
        }

        await Expect(contacts.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(firstPhone!);
        await Expect(pages.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToBeDisabledAsync();

        await WebEnvironment.AssertAccessibleAsync(page);
        await WebEnvironment.ScreenshotAsync(page, "lists");
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task Upload_NoPhoneColumnFound_SaysSoUnderThePhoneColumnAndOffersTheFilesColumns()
    {
        var tenant = await env.CreateTenantAsync();
        var page = await env.OpenAsync(tenant, "/lists");

        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "leads.csv", MimeType = "text/csv", Buffer = "name,reach me on\nAnn,0712345678\n"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();

        var column = page.GetByLabel("Phone column (optional)");
        await Expect(column).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(column).ToBeFocusedAsync();
        await Expect(column).ToHaveAccessibleDescriptionAsync(new Regex("No phone column was found among the columns 'name', 'reach me on'"));
        await Expect(page.Locator("datalist option")).ToHaveCountAsync(2);
        await WebEnvironment.AssertAccessibleAsync(page);

        await column.FillAsync("reach me on");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();
        await Expect(page.Locator(".import-done")).ToContainTextAsync(new Regex(@"Imported\s*1\s*contacts kept"));
        await Expect(column).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task Delete_ListOfAPausedCampaign_ShowsTheConflictNamingIt_AndAFreeListGoes()
    {
        var tenant = await env.CreateTenantAsync();
        var used = await WebEnvironment.ImportSampleAsync(tenant);
        var free = await WebEnvironment.ImportSampleAsync(tenant);
        using var created = await tenant.Api.PostAsJsonAsync("/api/campaigns", new { name = "Spring sale", contactListId = used, template = "Hi {{ first_name }}" }, Cancel);
        var campaign = (await WebEnvironment.ReadAsync(created)).GetProperty("id").GetGuid();
        await using (var pause = env.DataSource.CreateCommand("update campaigns.campaigns set status = 'paused' where id = $1"))
        {
            pause.Parameters.Add(new() { Value = campaign });
            Assert.Equal(1, await pause.ExecuteNonQueryAsync(Cancel));
        }

        var page = await env.OpenAsync(tenant, $"/lists/{used}");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete list" }).ClickAsync();

        var problem = page.GetByRole(AriaRole.Alert);
        await Expect(problem).ToContainTextAsync("Conflict");
        await Expect(problem).ToContainTextAsync("The list is used by campaign 'Spring sale'");
        await Expect(problem.GetByRole(AriaRole.Link, new() { Name = "Spring sale" })).ToHaveAttributeAsync("href", $"#/campaigns/{campaign}");
        await Expect(problem).ToContainTextAsync("(paused)");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "contacts.csv", Level = 1 })).ToBeVisibleAsync();
        await WebEnvironment.AssertAccessibleAsync(page);

        await page.EvaluateAsync($"location.hash = '#/lists/{free}'");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete list" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contact lists", Level = 1 })).ToBeVisibleAsync();
        var lists = page.GetByRole(AriaRole.Region, new() { Name = "Contact lists" });
        await Expect(lists.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(lists.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"#/lists/{used}");
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task Detail_OnAPhone_FitsTheScreenWithTheTablesScrollingInside()
    {
        var tenant = await env.CreateTenantAsync();
        var id = await WebEnvironment.ImportSampleAsync(tenant);
        var page = await env.OpenAsync(tenant, $"/lists/{id}", WebEnvironment.Phone);

        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Contacts" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(26);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways on a phone.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New campaign from this list" })).ToBeInViewportAsync();
        await WebEnvironment.AssertAccessibleAsync(page);

        await page.EvaluateAsync("location.hash = '#/lists'");
        await Expect(page.GetByLabel("CSV file")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The lists page scrolls sideways on a phone.");
        await env.AssertNoPageErrorsAsync(page);
    }
}
