using System.Net;
using Campaigns.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Campaigns.Api.Tests.Auth;

/// <summary>The signing keys of <c>Tokens:SigningKeys</c>: rotation, none configured, and their check at start.</summary>
public sealed class TokenKeysTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotation_OldKeyStillListed_AcceptsItsTokens_RetiredKey_RefusesThem()
    {
        var old = TestSigningKeys.New("2025-old");
        var current = TestSigningKeys.New("2026-new");
        await using var api = await ConfiguredApi.StartAsync(TestSigningKeys.Settings(old));
        using var client = await api.CreateTenantClientAsync();
        var token = BearerTokens.Token(await BearerTokens.IssueAsync(client));
        await using var rotated = WithKeys(api.Factory, current, old);
        await using var retired = WithKeys(api.Factory, current);
        using var onRotated = BearerTokens.Client(rotated, token);
        using var onRetired = BearerTokens.Client(retired, token);
        using var keyOnRotated = Authenticated(rotated, client);

        using var accepted = await onRotated.GetAsync("/api/senders", Cancel);
        using var refused = await onRetired.GetAsync("/api/senders", Cancel);
        var fresh = BearerTokens.Token(await BearerTokens.IssueAsync(keyOnRotated));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("auth.invalid_token", (await Problem.ReadAsync(refused, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        Assert.Equal(current.Id, BearerTokens.Part(fresh, 0).GetProperty("kid").GetString()); // the first key signs
        using var freshOnRetired = BearerTokens.Client(retired, fresh);
        using var served = await freshOnRetired.GetAsync("/api/senders", Cancel);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task NoSigningKey_IssueAnswers503_AndBearerTokensAreRefused()
    {
        var key = TestSigningKeys.New("elsewhere");
        await using var api = await ConfiguredApi.StartAsync(new Dictionary<string, string?>());
        using var client = await api.CreateTenantClientAsync();
        await using var signing = WithKeys(api.Factory, key);
        using var keyOnSigning = Authenticated(signing, client);
        var token = BearerTokens.Token(await BearerTokens.IssueAsync(keyOnSigning));

        using var issue = await client.PostAsync("/api/auth/token", null, Cancel);
        using var bearer = BearerTokens.Client(api.Factory, token);
        using var refused = await bearer.GetAsync("/api/senders", Cancel);
        using var withKey = await client.GetAsync("/api/senders", Cancel);

        Assert.Equal("auth.tokens_disabled", (await Problem.ReadAsync(issue, HttpStatusCode.ServiceUnavailable)).GetProperty("code").GetString());
        Assert.Equal("auth.tokens_disabled", (await Problem.ReadAsync(refused, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    [Theory]
    [InlineData("short", "dG9vIHNob3J0", "Tokens:SigningKeys:0:Secret")] // 9 bytes
    [InlineData("not base64", "!!!", "Tokens:SigningKeys:0:Secret")]
    [InlineData("bad id", null, "Tokens:SigningKeys:0:Id")]
    [InlineData("same id twice", null, "Tokens:SigningKeys:1:Id")]
    public async Task Start_InvalidSigningKey_RefusesNamingTheSetting(string scenario, string? secret, string setting)
    {
        var settings = TestSigningKeys.Settings(TestSigningKeys.New("one"), TestSigningKeys.New("two"));
        switch (scenario)
        {
            case "bad id":
                settings["Tokens:SigningKeys:0:Id"] = "has spaces";
                break;
            case "same id twice":
                settings["Tokens:SigningKeys:1:Id"] = "one";
                break;
            default:
                settings["Tokens:SigningKeys:0:Secret"] = secret;
                break;
        }

        await using var api = await ConfiguredApi.StartAsync(settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(api.Factory.CreateClient, Cancel));
        Assert.Contains(setting, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The same API (database) with other signing keys, as after a deployment changed them.</summary>
    private static WebApplicationFactory<Program> WithKeys(WebApplicationFactory<Program> factory, params (string Id, string Secret)[] keys) =>
        factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in TestSigningKeys.Settings(keys))
            {
                builder.UseSetting(key, value);
            }
        });

    /// <summary>A client of <paramref name="factory"/> with the API key of <paramref name="client"/>.</summary>
    private static HttpClient Authenticated(WebApplicationFactory<Program> factory, HttpClient client)
    {
        var authenticated = factory.CreateClient();
        authenticated.DefaultRequestHeaders.Add("apikey", client.DefaultRequestHeaders.GetValues("apikey").Single());
        return authenticated;
    }
}
