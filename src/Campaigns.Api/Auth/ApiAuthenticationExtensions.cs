using Campaigns.Api.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Campaigns.Api.Auth;

/// <summary>
/// How an <c>/api</c> caller is known: by the <c>apikey</c> header (<see cref="ApiKeyAuthenticationHandler"/>) or by a
/// bearer token made from a key (<c>Authorization: Bearer</c>, ASP.NET Core's JWT bearer handler with
/// <see cref="BearerTokenEvents"/>). A policy scheme picks one per request by its headers, so every endpoint takes both;
/// a request with an <c>apikey</c> header is judged by it alone.
/// </summary>
internal static class ApiAuthenticationExtensions
{
    /// <summary>The default scheme: forwards to <see cref="ApiKeyAuthenticationHandler.SchemeName"/> or <see cref="BearerScheme"/>.</summary>
    public const string Scheme = "ApiKeyOrBearer";

    /// <summary>The bearer token scheme; also the authentication type of a token's identity.</summary>
    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();
        services.AddSingleton<TokenKeyRing>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<BearerTokenEvents>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenProblemHandler>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or bearer token", options => options.ForwardDefaultSelector = Select)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(BearerScheme);
        services.AddOptions<JwtBearerOptions>(BearerScheme).Configure<TokenKeyRing>((options, ring) =>
        {
            options.EventsType = typeof(BearerTokenEvents);
            options.MapInboundClaims = false; // the claims keep their names: tenant, key, scope
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenOptions.Issuer,
                ValidAudience = TokenOptions.Audience,
                IssuerSigningKeys = ring.VerificationKeys,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TokenOptions.ClockSkew,
                AuthenticationType = BearerScheme,
            };
        });
        // After the framework has set the scheme's clock (the host's TimeProvider, or a test's): expiry is judged by it.
        services.PostConfigure<JwtBearerOptions>(BearerScheme, options =>
            options.TokenValidationParameters.LifetimeValidator = TokenLifetime.Validator(options.TimeProvider ?? TimeProvider.System));
        return services;
    }

    private static string Select(HttpContext context) =>
        !context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
        && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? BearerScheme
            : ApiKeyAuthenticationHandler.SchemeName;
}
