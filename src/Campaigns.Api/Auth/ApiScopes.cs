using Campaigns.Api.Tenants;

namespace Campaigns.Api.Auth;

/// <summary>
/// What a caller may do. An API key may do everything (its principal carries every scope); a bearer token carries the
/// scopes it was made with (<c>POST /api/auth/token</c>), e.g. only <see cref="Senders"/> for a reseller's branch.
/// Each endpoint group requires its scope with <see cref="RequireScope{TBuilder}"/>; managing keys and making tokens
/// require the API key itself (<see cref="ApiKeyOnlyPolicy"/>), so a leaked token can never mint a lasting credential.
/// </summary>
internal static class ApiScopes
{
    /// <summary>The claim type of a scope; a principal has one claim per scope.</summary>
    public const string Claim = "scope";

    /// <summary>Gateways and senders: register or link a number (create an instance), its QR code, state, pause, delete.</summary>
    public const string Senders = "senders";

    /// <summary>Direct and bulk sends, and the message log.</summary>
    public const string Messages = "messages";

    /// <summary>Campaigns: create, prepare, start, pause, test, retry, reports.</summary>
    public const string Campaigns = "campaigns";

    /// <summary>Contact lists and suppressions (phone numbers and their fields).</summary>
    public const string Contacts = "contacts";

    /// <summary>Statistics.</summary>
    public const string Reports = "reports";

    /// <summary>Opt-out settings and alerts.</summary>
    public const string Settings = "settings";

    /// <summary>Every scope, in the order the OpenAPI document lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Senders, Messages, Campaigns, Contacts, Reports, Settings];

    /// <summary>The policy that admits only callers authenticated by the <c>apikey</c> header (not by a token).</summary>
    public const string ApiKeyOnlyPolicy = "api-key-only";

    /// <summary>The name of the authorization policy that requires <paramref name="scope"/>.</summary>
    public static string Policy(string scope) => "scope:" + scope;

    /// <summary>Requires the caller to hold <paramref name="scope"/> (an API key holds them all).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Policy(scope));

    /// <summary>Registers one policy per scope and <see cref="ApiKeyOnlyPolicy"/>.</summary>
    public static IServiceCollection AddApiScopes(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in All)
        {
            authorization.AddPolicy(Policy(scope), policy => policy.RequireClaim(Claim, scope));
        }

        authorization.AddPolicy(ApiKeyOnlyPolicy, policy => policy.RequireAssertion(
            context => context.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName }));
        return services;
    }
}
