using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Campaigns.Web.Tests.Editor;

/// <summary>The campaign editor (#/campaigns/new, #/campaigns/:id/edit) driven in Chromium against the real API.</summary>
public sealed partial class EditorPageTests(WebEnvironment env)
{
    private const string PreviewTable = "Preview of the first contacts' messages";

    private static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_TemplateWithErrorThenFixed_ShowsTheErrorInlineThenRealRowsAndStatistics()
    {
        var tenant = await env.CreateTenantAsync();
        var list = await WebEnvironment.ImportSampleAsync(tenant);
        var page = await env.OpenAsync(tenant, "/campaigns/new");

        await page.GetByLabel("Contact list").SelectOptionAsync(list.ToString());
        var message = Message(page);
        // A column goes in at the caret, not at the end.
        await message.FillAsync("Hi !");
        await message.EvaluateAsync("textarea => textarea.setSelectionRange(3, 3)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert {{ first_name }}" }).ClickAsync();
        await Expect(message).ToHaveValueAsync("Hi {{ first_name }}!");

        // An unclosed variable: the error shows under the template, with its place, and the caret can go there.
        await message.FillAsync("Hi {{ first_name");
        await Expect(message).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(message).ToHaveAccessibleDescriptionAsync(new Regex("line 1, column 4: this code block is never closed"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Go to line 1, column 4 in the message" }).ClickAsync();
        await Expect(message).ToBeFocusedAsync();
        Assert.Equal(3, await message.EvaluateAsync<int>("textarea => textarea.selectionStart"));

        // Fixed: the error goes, and the preview shows the list's real first rows and the whole list's statistics.
        const string template = "{Hi|Hello} {{ first_name }}, your offer is ready.";
        await message.FillAsync(template);
        await Expect(message).Not.ToHaveAttributeAsync("aria-invalid", "true");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = PreviewTable }).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(10);
        var first = await FirstContactAsync(tenant, list);
        await Expect(rows.First).ToContainTextAsync(first.Phone);
        await Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync(new Regex($"^(Hi|Hello) {Regex.Escape(first.FirstName)}, your offer is ready\\.$"));

        var statistics = await PreviewStatisticsAsync(tenant, list, template);
        await Expect(page.GetByText("The ≤ 10 rule holds")).ToBeVisibleAsync();
        await Expect(Statistic(page, "Distinct texts")).ToHaveTextAsync(statistics.GetProperty("distinctBodies").GetInt64().ToString("N0", Culture));
        await Expect(Statistic(page, "Largest group (same text)")).ToHaveTextAsync($"{statistics.GetProperty("largestShare").GetInt32()} of at most 10");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Spring offer");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await WebEnvironment.ScreenshotAsync(page, "editor");
        await WebEnvironment.AssertAccessibleAsync(page);
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task Preview_NoVariationOnAPhone_ShowsTheRuleNotHoldingWithWhy()
    {
        var tenant = await env.CreateTenantAsync();
        var list = await WebEnvironment.ImportSampleAsync(tenant);
        var page = await env.OpenAsync(tenant, $"/campaigns/new?list={list}", WebEnvironment.Phone);

        await Expect(page.GetByLabel("Contact list")).ToHaveValueAsync(list.ToString());
        const string template = "Hello, our shop is open today.";
        await Message(page).FillAsync(template);

        var statistics = await PreviewStatisticsAsync(tenant, list, template);
        Assert.True(statistics.GetProperty("overLimit").GetInt64() > 0);
        await Expect(page.GetByText("The ≤ 10 rule does not hold")).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("need at least \\d+ distinct texts, but the template can make only 1"))).ToBeVisibleAsync();
        await Expect(Statistic(page, "Left without a text of their own")).ToHaveTextAsync(statistics.GetProperty("overLimit").GetInt64().ToString("N0", Culture));

        // Stacked on a phone: the preview below the form, and no sideways scrolling of the page.
        var form = await page.GetByRole(AriaRole.Form, new() { Name = "Campaign" }).BoundingBoxAsync();
        var preview = await page.GetByRole(AriaRole.Region, new() { Name = "Live preview" }).BoundingBoxAsync();
        Assert.True(preview!.Y >= form!.Y + form.Height, $"preview at {preview.Y}, form ends at {form.Y + form.Height}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await WebEnvironment.AssertAccessibleAsync(page);
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task SaveDraft_Reopened_KeepsEveryField()
    {
        var tenant = await env.CreateTenantAsync();
        var list = await WebEnvironment.ImportSampleAsync(tenant);
        var (instance, sender) = await env.AddOpenSenderAsync(tenant, $"shop-{Guid.NewGuid():N}"[..13]);
        var page = await env.OpenAsync(tenant, $"/campaigns/new?list={list}");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Spring sale");
        await Message(page).FillAsync("{Hi|Hello} {{ first_name }}, spring is here.");
        await page.GetByLabel(new Regex($"^{instance} ")).CheckAsync();
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("09:00");
        await page.GetByLabel("Until", new() { Exact = true }).FillAsync("17:30");
        await page.GetByLabel("Sunday").UncheckAsync();
        await page.GetByLabel("Time zone").SelectOptionAsync("Africa/Nairobi");
        await page.GetByLabel("Stop on reply").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByText(new Regex("^Draft saved at"))).ToBeVisibleAsync();

        // The page became the draft's own: its URL, and a second save changes it rather than making another.
        await Expect(page).ToHaveURLAsync(EditUrl());
        var id = Guid.Parse(EditUrl().Match(page.Url).Groups[1].Value);
        var stored = await tenant.Api.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel);
        Assert.Equal("draft", stored.GetProperty("status").GetString());
        Assert.Equal([sender], stored.GetProperty("senderIds").EnumerateArray().Select(s => s.GetGuid()));
        var window = stored.GetProperty("sendWindow");
        Assert.Equal("09:00", window.GetProperty("start").GetString());
        Assert.Equal("17:30", window.GetProperty("end").GetString());
        Assert.Equal("Africa/Nairobi", window.GetProperty("timeZone").GetString());
        Assert.DoesNotContain("sun", window.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        Assert.True(stored.GetProperty("stopOnReply").GetBoolean());

        var reopened = await env.OpenAsync(tenant, $"/campaigns/{id}/edit");
        await Expect(reopened.GetByRole(AriaRole.Heading, new() { Name = "Edit campaign: Spring sale" })).ToBeVisibleAsync();
        await Expect(reopened.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Spring sale");
        await Expect(reopened.GetByLabel("Contact list")).ToHaveValueAsync(list.ToString());
        await Expect(Message(reopened)).ToHaveValueAsync("{Hi|Hello} {{ first_name }}, spring is here.");
        await Expect(reopened.GetByLabel(new Regex($"^{instance} "))).ToBeCheckedAsync();
        await Expect(reopened.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync("09:00");
        await Expect(reopened.GetByLabel("Until", new() { Exact = true })).ToHaveValueAsync("17:30");
        await Expect(reopened.GetByLabel("Sunday")).Not.ToBeCheckedAsync();
        await Expect(reopened.GetByLabel("Monday")).ToBeCheckedAsync();
        await Expect(reopened.GetByLabel("Time zone")).ToHaveValueAsync("Africa/Nairobi");
        await Expect(reopened.GetByLabel("Stop on reply")).ToBeCheckedAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Spring sale, take two");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit campaign: Spring sale, take two" })).ToBeVisibleAsync();
        var all = await tenant.Api.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel);
        Assert.Equal(["Spring sale, take two"], all.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        await env.AssertNoPageErrorsAsync(reopened);
    }

    [Fact]
    public async Task SaveDraft_MediaByUrl_PreviewsTheCaptionAndKeepsTheMedia()
    {
        var tenant = await env.CreateTenantAsync();
        var list = await WebEnvironment.ImportSampleAsync(tenant);
        var page = await env.OpenAsync(tenant, $"/campaigns/new?list={list}");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Picture offer");
        await page.GetByLabel("Media with a caption").CheckAsync();
        await page.GetByLabel("File URL").FillAsync("https://example.com/offer.jpg");
        await page.GetByLabel("Caption", new() { Exact = true }).FillAsync("{Hi|Hello} {{ first_name }}, look at this.");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = PreviewTable }).Locator("tbody tr");
        await Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync(new Regex("^(Hi|Hello) [^,]+, look at this\\.$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(EditUrl());

        var id = Guid.Parse(EditUrl().Match(page.Url).Groups[1].Value);
        var stored = await tenant.Api.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel);
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("template").ValueKind);
        var media = stored.GetProperty("media");
        Assert.Equal("image", media.GetProperty("type").GetString());
        Assert.Equal("https://example.com/offer.jpg", media.GetProperty("url").GetString());
        Assert.Equal("{Hi|Hello} {{ first_name }}, look at this.", media.GetProperty("caption").GetString());

        var reopened = await env.OpenAsync(tenant, $"/campaigns/{id}/edit");
        await Expect(reopened.GetByLabel("Media with a caption")).ToBeCheckedAsync();
        await Expect(reopened.GetByLabel("File URL")).ToHaveValueAsync("https://example.com/offer.jpg");
        await Expect(reopened.GetByLabel("Caption", new() { Exact = true })).ToHaveValueAsync("{Hi|Hello} {{ first_name }}, look at this.");
        await env.AssertNoPageErrorsAsync(reopened);
    }

    [Fact]
    public async Task SaveDraft_InvalidFields_ShowsEachErrorUnderItsField()
    {
        var tenant = await env.CreateTenantAsync();
        var list = await WebEnvironment.ImportSampleAsync(tenant);
        var page = await env.OpenAsync(tenant, $"/campaigns/new?list={list}");

        await Message(page).FillAsync("Hi {{ frist_name }}");
        await page.GetByLabel("Start at").FillAsync("2020-01-01T10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        var name = page.GetByLabel("Name", new() { Exact = true });
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync(new Regex("The campaign needs a name\\."));
        await Expect(name).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Start at")).ToHaveAccessibleDescriptionAsync(new Regex("is in the past"));
        await Expect(Message(page)).ToHaveAccessibleDescriptionAsync(new Regex("'frist_name' at line 1, column 7 is not a column of the contact list: did you mean 'first_name'"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Go to line 1, column 7 in the message" })).ToBeVisibleAsync();
        Assert.Equal(0, (await tenant.Api.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task SaveAndPrepare_ValidDraft_GoesToTheCampaignPage()
    {
        var tenant = await env.CreateTenantAsync();
        var list = await WebEnvironment.ImportSampleAsync(tenant);
        var page = await env.OpenAsync(tenant, $"/campaigns/new?list={list}");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Prepared from the page");
        await Message(page).FillAsync("{Hi|Hello} {{ first_name }}, see you soon.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and prepare" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("#/campaigns/([0-9a-f-]{36})$"));
        var id = Guid.Parse(new Regex("#/campaigns/([0-9a-f-]{36})$").Match(page.Url).Groups[1].Value);
        var stored = await tenant.Api.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel);
        Assert.Equal("Prepared from the page", stored.GetProperty("name").GetString());
        Assert.Contains(stored.GetProperty("status").GetString(), new[] { "preparing", "ready" });
    }

    [Fact]
    public async Task Edit_ReadyCampaign_SaysSoAndGoesBackToDraft()
    {
        var tenant = await env.CreateTenantAsync();
        var list = await WebEnvironment.ImportSampleAsync(tenant);
        using var created = await tenant.Api.PostAsJsonAsync("/api/campaigns", new { name = "Ready one", contactListId = list, template = "{Hi|Hello} {{ first_name }}" }, Cancel);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        using var prepared = await tenant.Api.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        prepared.EnsureSuccessStatusCode();

        var page = await env.OpenAsync(tenant, $"/campaigns/{id}/edit");
        // Preparing or ready, both may go back to draft.
        await Expect(page.GetByText("only a draft can be changed")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the campaign" })).ToHaveAttributeAsync("href", $"#/campaigns/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Back to draft" }).ClickAsync();

        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Ready one");
        Assert.Equal("draft", (await tenant.Api.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel)).GetProperty("status").GetString());
        await env.AssertNoPageErrorsAsync(page);
    }

    private static ILocator Message(IPage page) => page.GetByLabel("Message", new() { Exact = true });

    private static ILocator Statistic(IPage page, string term) =>
        page.Locator("dt", new() { HasTextRegex = new Regex($"^{Regex.Escape(term)}$") }).Locator("xpath=following-sibling::dd[1]");

    [GeneratedRegex("#/campaigns/([0-9a-f-]{36})/edit$")]
    private static partial Regex EditUrl();

    /// <summary>The list's first contact in phone order, the first row a preview renders.</summary>
    private static async Task<(string Phone, string FirstName)> FirstContactAsync(Tenant tenant, Guid list)
    {
        var page = await tenant.Api.GetFromJsonAsync<JsonElement>($"/api/contact-lists/{list}/contacts?limit=1", Cancel);
        var contact = page.GetProperty("items")[0];
        return (contact.GetProperty("phone").GetString()!, contact.GetProperty("fields").GetProperty("first_name").GetString()!);
    }

    /// <summary>The API's own statistics for a template, which the page must show.</summary>
    private static async Task<JsonElement> PreviewStatisticsAsync(Tenant tenant, Guid list, string template)
    {
        var response = await tenant.Api.PostAsJsonAsync("/api/campaigns/preview", new { contactListId = list, template, count = 1 }, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("variation").GetProperty("statistics");
    }
}
