using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Campaigns.Web.Tests.Keys;

/// <summary>The API keys page: the keys with their last use, a new key shown once with a copy button, revoking with a confirmation.</summary>
public sealed class ApiKeysPageTests(WebEnvironment env)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiKeys_CreateShowsTheKeyOnceToCopy_RevokeAsksFirst_TheLastActiveKeyIsRefused()
    {
        var tenant = await env.CreateTenantAsync();
        var page = await env.OpenAsync(tenant, "/campaigns");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = env.BaseAddress.GetLeftPart(UriPartial.Authority) });

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys", Level = 1 })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveAttributeAsync("aria-current", "page");
        var table = page.GetByRole(AriaRole.Region, new() { Name = "API keys" });
        var first = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "First key" });
        await Expect(first).ToContainTextAsync("(this page is signed in with it)");
        await Expect(first).ToContainTextAsync(new Regex("active"));
        await Expect(first).Not.ToContainTextAsync("Never"); // the page's own requests are its use
        await Expect(first).ToContainTextAsync(tenant.Key[..10] + "…");
        await WebEnvironment.AssertAccessibleAsync(page);

        var name = page.GetByLabel("Name", new() { Exact = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync(new Regex("Give the key a name."));

        await name.FillAsync("Shop backend");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var shown = page.GetByLabel("New key \"Shop backend\"");
        await Expect(shown).ToBeFocusedAsync();
        await Expect(shown).ToHaveAccessibleDescriptionAsync(new Regex("Copy this key now: you will not see it again."));
        var key = await shown.InputValueAsync();
        Assert.StartsWith("cmp_", key, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy key" }).ClickAsync();
        await Expect(page.GetByText("Copied to the clipboard.")).ToBeVisibleAsync();
        Assert.Equal(key, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        var created = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Shop backend" });
        await Expect(created).ToContainTextAsync("Never");
        await Expect(table).Not.ToContainTextAsync(key);
        await WebEnvironment.AssertAccessibleAsync(page);
        await WebEnvironment.ScreenshotAsync(page, "api-keys");
        Assert.Equal(HttpStatusCode.OK, await StatusWithKeyAsync(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "I have copied it" }).ClickAsync();
        await Expect(shown).ToHaveCountAsync(0);
        await Expect(name).ToBeFocusedAsync();

        var revoke = page.GetByRole(AriaRole.Button, new() { Name = "Revoke Shop backend" });
        await revoke.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke the key \"Shop backend\"?" });
        await Expect(dialog).ToBeVisibleAsync();
        await WebEnvironment.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(revoke).ToBeFocusedAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusWithKeyAsync(key));

        await revoke.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();

        await Expect(created).ToContainTextAsync("revoked");
        await Expect(revoke).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithKeyAsync(key));

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke First key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("you will be signed out");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("last active key");
        await Expect(first).ToContainTextAsync("active");
        Assert.Equal(HttpStatusCode.OK, await StatusWithKeyAsync(tenant.Key));
        await WebEnvironment.AssertAccessibleAsync(page);
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task ApiKeys_RevokingThePagesOwnKeyOnAPhone_SignsOut()
    {
        var tenant = await env.CreateTenantAsync();
        using var other = await tenant.Api.PostAsJsonAsync("/api/keys", new { name = "Backend of the shop with a rather long name" }, Cancel);
        await WebEnvironment.ReadAsync(other);
        var page = await env.OpenAsync(tenant, "/keys", WebEnvironment.Phone);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "API keys" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways on a phone.");
        await WebEnvironment.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke First key" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Campaigns", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Your API key was not accepted")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithKeyAsync(tenant.Key));
        await WebEnvironment.AssertAccessibleAsync(page);
        await env.AssertNoPageErrorsAsync(page);
    }

    private async Task<HttpStatusCode> StatusWithKeyAsync(string key)
    {
        using var client = new HttpClient { BaseAddress = env.BaseAddress };
        client.DefaultRequestHeaders.Add("apikey", key);
        using var response = await client.GetAsync("/api/tenant", Cancel);
        return response.StatusCode;
    }
}
