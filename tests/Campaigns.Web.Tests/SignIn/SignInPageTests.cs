using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Campaigns.Web.Tests.SignIn;

/// <summary>Signing in with the tenant's API key, which stays in this tab's sessionStorage only, and signing out.</summary>
public sealed partial class SignInPageTests(WebEnvironment env)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_WithTheTenantsKey_ShowsItsPagesAndKeepsTheKeyOnlyInTheSession()
    {
        var tenant = await env.CreateTenantAsync("Acme Marketing");
        var page = await env.OpenAsync(signedInAs: null, "/lists");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Campaigns" })).ToBeVisibleAsync();
        await WebEnvironment.AssertAccessibleAsync(page);
        await page.GetByLabel("API key").FillAsync(tenant.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Back to the page that sent the visitor to sign in, with the tenant's name in the header.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contact lists", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#tenant-name")).ToHaveTextAsync("Acme Marketing");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Contact lists" })).ToHaveAttributeAsync("aria-current", "page");
        Assert.DoesNotContain(tenant.Key, page.Url, StringComparison.Ordinal);
        Assert.Equal(tenant.Key, await page.EvaluateAsync<string>("sessionStorage.getItem('campaigns.apiKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
        Assert.Empty(await page.Context.CookiesAsync());
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task SignIn_WithAWrongKey_SaysSoUnderTheFieldAndStoresNothing()
    {
        var page = await env.OpenAsync(signedInAs: null, "/signin");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("Enter your API key.")).ToBeVisibleAsync();

        await page.GetByLabel("API key").FillAsync("ck_not-a-real-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByText("This key was not accepted. Check it and try again.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("API key")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('campaigns.apiKey')"));
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task SignOut_ForgetsTheKey_AndEveryPageAsksToSignInAgain()
    {
        var tenant = await env.CreateTenantAsync();
        var page = await env.OpenAsync(tenant, "/campaigns");
        await Expect(page.Locator("#tenant-name")).ToHaveTextAsync("Marketing");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('campaigns.apiKey')"));
        await page.EvaluateAsync("location.hash = '#/senders'");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Campaigns" })).ToBeVisibleAsync();
        await env.AssertNoPageErrorsAsync(page);
    }

    [Fact]
    public async Task RevokedKey_WhileSignedIn_SignsOutWithTheReason()
    {
        var tenant = await env.CreateTenantAsync();
        var page = await env.OpenAsync(tenant, "/campaigns");
        await Expect(page.Locator("#tenant-name")).ToHaveTextAsync("Marketing");

        await using (var revoke = env.DataSource.CreateCommand(
            "update campaigns.api_keys set revoked_at = now() where key_hash = $1"))
        {
            revoke.Parameters.Add(new() { Value = Campaigns.Engine.Tenants.ApiKey.Hash(tenant.Key) });
            Assert.Equal(1, await revoke.ExecuteNonQueryAsync(Cancel));
        }

        await page.ReloadAsync(); // the next call to the API is refused

        await Expect(page.GetByText("Your API key was not accepted")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('campaigns.apiKey')"));
    }

    [Fact]
    public async Task Page_IsServedWithAStrictContentSecurityPolicy_AndLinksTheOperatorsDashboard()
    {
        var tenant = await env.CreateTenantAsync();
        using var response = await tenant.Api.GetAsync("/", Cancel);
        var policy = string.Join(';', response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values : []);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);

        var page = await env.OpenAsync(tenant, "/campaigns", WebEnvironment.Phone);
        var operations = page.GetByRole(AriaRole.Link, new() { NameRegex = OperationsName() });
        await Expect(operations).ToHaveAttributeAsync("href", "/hangfire");
        await WebEnvironment.AssertAccessibleAsync(page);
        // Nothing wider than the phone's screen: the header wraps instead.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await env.AssertNoPageErrorsAsync(page);
    }

    [GeneratedRegex("^Operations")]
    private static partial Regex OperationsName();
}
