using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Campaigns.Web.Tests.Hardening;

/// <summary>
/// The page against the mistakes a careful review looks for: a page left while it loads, a save or a confirmation
/// clicked twice, the keyboard's focus when a pager turns, and stored names too long for a phone's width.
/// </summary>
public sealed partial class PageHardeningTests(WebEnvironment env)
{
    private const string Template = WebEnvironment.SampleTemplate;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Navigation_KeyboardUserTabsOnWhileThePageLoads_IsNotPulledBackToTheHeading()
    {
        var tenant = await env.CreateTenantAsync();
        var page = await env.OpenAsync(tenant, "/campaigns");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campaigns", Level = 1 })).ToBeFocusedAsync();
        // The lists page's read answers 1.5 s late.
        await page.RouteAsync("**/api/contact-lists**", async route =>
        {
            await Task.Delay(1500, Cancel);
            await route.ContinueAsync();
        });

        await page.GetByRole(AriaRole.Link, new() { Name = "Contact lists" }).ClickAsync();

        // The heading has the focus at once, before the read; the visitor tabs on into the page meanwhile and stays there.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contact lists", Level = 1 })).ToBeFocusedAsync(new() { Timeout = 1000 });
        await page.Keyboard.PressAsync("Tab");
        await page.EvaluateAsync("document.activeElement.dataset.tabbedTo = 'yes'");
        await Expect(page.GetByText("No lists yet: upload a CSV file above.")).ToBeVisibleAsync();
        Assert.Equal("yes", await page.EvaluateAsync<string?>("document.activeElement.dataset.tabbedTo ?? null"));
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task PageLeftWhileItLoads_DrawsNothingIntoTheNextPage()
    {
        var tenant = await env.CreateTenantAsync();
        var list = await WebEnvironment.ImportSampleAsync(tenant);
        var id = await CreateCampaignAsync(tenant, "Left behind", list, null);

        foreach (var path in new[] { $"/campaigns/{id}", $"/campaigns/{id}/edit" })
        {
            // The campaign's answer never comes: the visitor goes to the lists meanwhile.
            var page = await env.OpenAsync(tenant, "/lists");
            var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await page.RouteAsync($"**/api/campaigns/{id}", _ =>
            {
                asked.TrySetResult();
                return Task.CompletedTask; // held: never answered
            });
            await page.EvaluateAsync("path => { location.hash = path; }", "#" + path);
            await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
            await page.EvaluateAsync("() => { location.hash = '#/lists'; }");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contact lists", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Contact lists" })).ToBeVisibleAsync();
            await Expect(page.Locator("main h1")).ToHaveCountAsync(1);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the campaigns" })).ToHaveCountAsync(0);
            await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
            await env.AssertNoPageErrorsAsync(page);
        }
    }

    [Fact]
    public async Task Editor_SaveDraftWhileSaveAndPrepareWaits_CreatesOneCampaign()
    {
        var tenant = await env.CreateTenantAsync();
        var list = await WebEnvironment.ImportSampleAsync(tenant);
        await env.AddOpenSenderAsync(tenant);
        var page = await env.OpenAsync(tenant, $"/campaigns/new?list={list}");
        var name = page.GetByLabel("Name", new() { Exact = true });
        await name.FillAsync("Once only");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync(Template);
        await page.GetByRole(AriaRole.Checkbox).First.CheckAsync();

        var creates = 0;
        var firstCreate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/campaigns", async route =>
        {
            if (route.Request.Method == "POST")
            {
                Interlocked.Increment(ref creates);
                firstCreate.TrySetResult();
                await release.Task;
            }

            await route.ContinueAsync();
        });

        await page.GetByRole(AriaRole.Button, new() { Name = "Save and prepare" }).ClickAsync();
        await firstCreate.Task.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
        // Before the draft exists: the other button, and Enter in a field, must not save a second campaign.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync(new() { Force = true });
        await name.PressAsync("Enter");
        release.TrySetResult();

        await Expect(page).ToHaveURLAsync(new Regex("#/campaigns/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Once only", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(1, Volatile.Read(ref creates));
        var campaigns = await tenant.Api.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel);
        Assert.Equal(1, campaigns.GetProperty("items").GetArrayLength());
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task SenderCard_ConfirmationDoubleClicked_DeletesOnce()
    {
        var tenant = await env.CreateTenantAsync();
        var (instance, _) = await env.AddOpenSenderAsync(tenant);
        var page = await env.OpenAsync(tenant, "/senders");
        var deletes = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "DELETE" && request.Url.Contains("/api/senders/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref deletes);
            }
        };
        var card = page.GetByRole(AriaRole.Article, new() { Name = instance });
        await card.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await card.GetByRole(AriaRole.Button, new() { Name = "Yes, delete it" }).DblClickAsync();

        await Expect(page.Locator("#announcer")).ToHaveTextAsync($"{instance} is deleted.");
        await Expect(card).ToHaveCountAsync(0);
        Assert.Equal(1, Volatile.Read(ref deletes));
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task Pager_TurnedWithTheKeyboard_KeepsTheFocusOnItsButtons()
    {
        var tenant = await env.CreateTenantAsync();
        var numbers = Enumerable.Range(0, 60).Select(i => $"+2547130{i:D5}").ToArray();
        using var added = await tenant.Api.PostAsync("/api/suppressions", JsonContent.Create(numbers), Cancel);
        await WebEnvironment.ReadAsync(added);
        var page = await env.OpenAsync(tenant, "/suppressions");
        var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Suppressed numbers: pages" });
        var previous = pages.GetByRole(AriaRole.Button, new() { Name = "Previous page" });
        var next = pages.GetByRole(AriaRole.Button, new() { Name = "Next page" });
        await Expect(pages).ToContainTextAsync("Page 1: 50 numbers.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Suppressions", Level = 1 })).ToBeFocusedAsync(); // loaded

        await next.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(pages).ToContainTextAsync("Page 2, the last: 10 numbers.");
        await Expect(next).ToBeDisabledAsync();
        await Expect(previous).ToBeFocusedAsync(); // the last page: "Next" cannot keep it

        await page.Keyboard.PressAsync("Enter");
        await Expect(pages).ToContainTextAsync("Page 1: 50 numbers.");
        await Expect(next).ToBeFocusedAsync();
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task Suppressions_RemovedWithTheKeyboard_LeaveTheFocusOnTheTable()
    {
        var tenant = await env.CreateTenantAsync();
        using var added = await tenant.Api.PostAsync("/api/suppressions", JsonContent.Create(new[] { "+254713100001", "+254713100002" }), Cancel);
        await WebEnvironment.ReadAsync(added);
        var page = await env.OpenAsync(tenant, "/suppressions");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var table = page.GetByRole(AriaRole.Region, new() { Name = "Suppressed numbers" });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Suppressions", Level = 1 })).ToBeFocusedAsync(); // loaded

        await table.GetByRole(AriaRole.Button, new() { Name = "Remove +254713100001" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(table.GetByRole(AriaRole.Button, new() { Name = "Remove +254713100001" })).ToHaveCountAsync(0);
        await Expect(table).ToBeFocusedAsync(); // the button went with its row: the focus stays in the table
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task LongStoredNames_OnAPhone_WrapInsteadOfWideningThePage()
    {
        const string longName = "customers_export_2026-11-30_nairobi_branch_full_list_with_opt_ins";
        var tenant = await env.CreateTenantAsync("Marketing_team_of_the_nairobi_branch_office");
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(await File.ReadAllBytesAsync(WebEnvironment.SamplePath, Cancel));
        form.Add(file, "file", longName + ".csv");
        using var listName = new StringContent(longName);
        form.Add(listName, "name");
        using var imported = await tenant.Api.PostAsync("/api/contact-lists", form, Cancel);
        var list = (await WebEnvironment.ReadAsync(imported)).GetProperty("id").GetGuid();
        var (_, sender) = await env.AddOpenSenderAsync(tenant, "sales_line_number_one_of_the_nairobi_branch_office");
        var id = await CreateCampaignAsync(tenant, longName, list, sender);

        foreach (var (path, shown) in new[]
        {
            ($"/campaigns/{id}", longName),
            ($"/campaigns/{id}/edit", "sales_line_number_one_of_the_nairobi_branch_office"),
            ($"/lists/{list}", longName),
            ("/senders", "sales_line_number_one_of_the_nairobi_branch_office"),
        })
        {
            var page = await env.OpenAsync(tenant, path, WebEnvironment.Phone);
            await Expect(page.GetByText(shown).First).ToBeVisibleAsync();
            await Expect(page.Locator("#tenant-name")).ToHaveTextAsync("Marketing_team_of_the_nairobi_branch_office");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= widths[1], $"{path} scrolls sideways on a phone: {widths[0]} px wide in {widths[1]} px.");
            await env.AssertNoPageErrorsAsync(page);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task CampaignPage_FiguresRedrawnByThePoll_KeepTheKeyboardFocus()
    {
        var tenant = await env.CreateTenantAsync();
        var (_, sender) = await env.AddOpenSenderAsync(tenant);
        var id = await CreateCampaignAsync(tenant, "Focus kept", await WebEnvironment.ImportSampleAsync(tenant), sender);
        using (var prepare = await tenant.Api.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel))
        {
            await WebEnvironment.ReadAsync(prepare);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await tenant.Api.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel)).GetProperty("status").GetString() != "ready")
        {
            Assert.True(DateTime.UtcNow < deadline, "The campaign did not get ready.");
            await Task.Delay(100, Cancel);
        }

        using (var start = await tenant.Api.PostAsync($"/api/campaigns/{id}/start", null, Cancel))
        {
            await WebEnvironment.ReadAsync(start);
        }

        var page = await env.OpenAsync(tenant, $"/campaigns/{id}");
        // A keyboard user reading the per-sender table (a focusable, scrolling region) while the campaign sends.
        var senders = page.GetByRole(AriaRole.Region, new() { Name = "Progress per sender" });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Focus kept", Level = 1 })).ToBeFocusedAsync(); // loaded
        await senders.FocusAsync();
        var before = await senders.TextContentAsync() ?? "";

        await Expect(senders).Not.ToHaveTextAsync(before, new() { Timeout = 20_000 }); // redrawn by the poll
        await Expect(senders).ToBeFocusedAsync();
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task CampaignsIndex_FilterChangedWithTheKeyboard_KeepsTheFocusOnTheFilter()
    {
        var tenant = await env.CreateTenantAsync();
        await CreateCampaignAsync(tenant, "Filtered draft", await WebEnvironment.ImportSampleAsync(tenant), null);
        var page = await env.OpenAsync(tenant, "/campaigns");
        var filter = page.GetByLabel("Show");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Campaigns, newest first" });
        await Expect(table).ToContainTextAsync("Filtered draft");
        // Loaded: the shell has moved the focus to the heading (after the statistics came), so it will not move again.
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "All campaigns" })).ToContainTextAsync("Delivery rate");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Campaigns", Level = 1 })).ToBeFocusedAsync();

        await filter.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown"); // "draft"
        await Expect(page).ToHaveURLAsync(new Regex("#/campaigns\\?status=draft$"));
        await Expect(table).ToContainTextAsync("Filtered draft");
        await Expect(filter).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("ArrowDown"); // "preparing"
        // The paragraph, not the live region, which may be saying the same words at that moment.
        await Expect(page.GetByRole(AriaRole.Paragraph).Filter(new() { HasText = "No campaign is preparing." })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/campaigns\\?status=preparing$"));
        await Expect(filter).ToBeFocusedAsync();
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task LinkNewNumber_GatewaysUnreadable_ShowsTheProblemInsteadOfABlankPage()
    {
        var tenant = await env.CreateTenantAsync();
        var page = await env.OpenAsync(tenant, "/senders");
        await page.RouteAsync("**/api/gateways", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/problem+json",
            Body = "{\"title\":\"The database is not reachable\",\"status\":503,\"detail\":\"Try again in a minute.\"}",
        }));

        await page.GetByRole(AriaRole.Link, new() { Name = "Link a new number" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The database is not reachable" });
        await Expect(alert.First).ToContainTextAsync("Try again in a minute.");
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        await env.AssertNoPageErrorsAsync(page);
    }

    private static async Task<Guid> CreateCampaignAsync(Tenant tenant, string name, Guid list, Guid? sender)
    {
        using var created = await tenant.Api.PostAsJsonAsync("/api/campaigns", new
        {
            name,
            contactListId = list,
            senderIds = sender is { } one ? new[] { one } : [],
            template = Template,
            sendWindow = new { ranges = new[] { new { start = "00:00", end = "12:00" }, new { start = "12:00", end = "00:00" } }, timeZone = "UTC" },
        }, Cancel);
        return (await WebEnvironment.ReadAsync(created)).GetProperty("id").GetGuid();
    }
}
