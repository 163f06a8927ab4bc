using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Jobs;

/// <summary>
/// HTTP Basic authentication of operators (not tenants: the dashboard shows every tenant's jobs) against the one
/// operator account of <see cref="OperatorDashboardOptions"/>. Only the dashboard's policy names this scheme; its challenge is a
/// 401 with <c>WWW-Authenticate: Basic</c>, so a browser asks for the credentials.
/// </summary>
internal sealed class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<OperatorDashboardOptions> dashboard) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Operator";

    private const string Realm = "Campaigns operators";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Basic credentials are not base64."));
        }

        var separator = credentials.IndexOf(':', StringComparison.Ordinal);
        var configured = dashboard.Value;
        if (separator < 0 || !configured.IsEnabled)
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong operator name or password."));
        }

        // Both compared, always: the time taken does not tell which one was wrong.
        var nameMatches = FixedTimeEquals(credentials[..separator], configured.Username!);
        var passwordMatches = FixedTimeEquals(credentials[(separator + 1)..], configured.Password!);
        if (!(nameMatches & passwordMatches))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong operator name or password."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, configured.Username!)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    /// <summary>Compares hashes, so that neither the content nor the length of the secret shows in the time taken.</summary>
    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
