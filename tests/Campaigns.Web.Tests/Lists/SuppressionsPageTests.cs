using System.Text.RegularExpressions;
using Campaigns.Engine.Tenants;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Campaigns.Web.Tests.Lists;

/// <summary>The suppressions page: why each number is on the list, adding numbers (each bad one named), removing one.</summary>
public sealed class SuppressionsPageTests(WebEnvironment env)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Suppressions_AddWithABadEntry_NamesIt_ThenAddsShowsWhyAndRemoves()
    {
        var tenant = await env.CreateTenantAsync();
        await OptOutAsync(tenant, "+254712000111", "STOP sending me these please");
        var page = await env.OpenAsync(tenant, "/suppressions");

        var table = page.GetByRole(AriaRole.Region, new() { Name = "Suppressed numbers" });
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "+254712000111" }))
            .ToContainTextAsync(new Regex("Opt-out reply\\s*STOP sending me these please"));
        await WebEnvironment.AssertAccessibleAsync(page);

        var numbers = page.GetByLabel("Numbers to suppress");
        await numbers.FillAsync("0712 345 678, 0722000111\ncall me\n+44 7911 123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suppress numbers" }).ClickAsync();

        await Expect(numbers).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(numbers).ToHaveAccessibleDescriptionAsync(new Regex("1 of the numbers could not be read; nothing was stored."));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex("call me\\s*\\(entry 3\\): not a phone number"));
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // nothing stored: the header and the opt-out
        await WebEnvironment.AssertAccessibleAsync(page);

        await numbers.FillAsync("0712 345 678, 0722000111\n+44 7911 123456\n0712000111");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suppress numbers" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Add numbers" }).GetByRole(AriaRole.Status)).ToHaveTextAsync("Received 4 numbers; 3 added, 1 already on the list."); // (the live region says it too)
        await Expect(numbers).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(5);
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "+447911123456" })).ToContainTextAsync("Added by hand");
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "+254712000111" })).ToContainTextAsync("Opt-out reply");
        await WebEnvironment.ScreenshotAsync(page, "suppressions");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove +254712345678" }).ClickAsync();
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await Expect(table).Not.ToContainTextAsync("+254712345678");
        using var listed = await tenant.Api.GetAsync("/api/suppressions", Cancel);
        Assert.DoesNotContain("+254712345678", await listed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task Suppressions_MoreThanAPage_PageThroughTheCursorOnAPhone()
    {
        var tenant = await env.CreateTenantAsync();
        var numbers = Enumerable.Range(0, 60).Select(i => $"+2547120{i:D5}").ToArray();
        using var added = await tenant.Api.PostAsync("/api/suppressions", System.Net.Http.Json.JsonContent.Create(numbers), Cancel);
        await WebEnvironment.ReadAsync(added);
        var page = await env.OpenAsync(tenant, "/suppressions", WebEnvironment.Phone);

        var table = page.GetByRole(AriaRole.Region, new() { Name = "Suppressed numbers" });
        var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Suppressed numbers: pages" });
        await Expect(pages).ToContainTextAsync("Page 1: 50 numbers.");
        await Expect(table.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("+254712000000");
        await pages.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(pages).ToContainTextAsync("Page 2, the last: 10 numbers.");
        await Expect(table.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("+254712000050");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways on a phone.");
        await WebEnvironment.AssertAccessibleAsync(page);
        await env.AssertNoPageErrorsAsync(page);
    }

    /// <summary>What a reply with an opt-out keyword leaves (ReplyApplier): the number, reason opt_out and the reply as detail.</summary>
    private async Task OptOutAsync(Tenant tenant, string phone, string reply)
    {
        await using var insert = env.DataSource.CreateCommand(
            """
            insert into campaigns.suppressions (tenant_id, phone, reason, detail)
            select tenant_id, $2, 'opt_out', $3 from campaigns.api_keys where key_hash = $1
            """);
        insert.Parameters.Add(new() { Value = ApiKey.Hash(tenant.Key) });
        insert.Parameters.Add(new() { Value = phone });
        insert.Parameters.Add(new() { Value = reply });
        Assert.Equal(1, await insert.ExecuteNonQueryAsync(Cancel));
    }
}
