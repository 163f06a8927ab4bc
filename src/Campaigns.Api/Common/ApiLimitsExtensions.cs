using System.Threading.RateLimiting;
using Campaigns.Api.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Common;

/// <summary>
/// What keeps one tenant from starving the others, and a waiting user from waiting on a gateway for minutes: a token
/// bucket per tenant over every <c>/api</c> call (<see cref="RateLimitsOptions"/>), per-tenant limits on concurrent
/// imports and previews (<see cref="TenantLimitsOptions"/>), both ASP.NET Core's rate limiter answering 429 problem
/// details with <c>Retry-After</c>; and the <see cref="GatewayBudget"/> of calls that wait on a gateway.
/// </summary>
internal static class ApiLimitsExtensions
{
    /// <summary>The policy of the contact-list upload: <see cref="TenantLimitsOptions.ConcurrentImportsPerTenant"/>.</summary>
    public const string Imports = "imports";

    /// <summary>The policy of the campaign preview: <see cref="TenantLimitsOptions.ConcurrentPreviewsPerTenant"/>.</summary>
    public const string Previews = "previews";

    /// <summary>Seconds a tenant over a concurrency limit is asked to wait; its running request's length is unknown.</summary>
    private const int BusyRetryAfterSeconds = 5;

    public static IServiceCollection AddApiLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitsOptions>().BindConfiguration(RateLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TenantLimitsOptions>().BindConfiguration(TenantLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitsOptions>, IOptions<TenantLimitsOptions>>((options, rates, tenants) =>
        {
            var rate = rates.Value;
            var concurrent = tenants.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetTokenBucketLimiter(Partition(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = rate.TokenLimit,
                        TokensPerPeriod = rate.TokensPerPeriod,
                        ReplenishmentPeriod = rate.ReplenishmentPeriod,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(Imports, context => Concurrency(context, concurrent.ConcurrentImportsPerTenant));
            options.AddPolicy(Previews, context => Concurrency(context, concurrent.ConcurrentPreviewsPerTenant));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>After authentication (the tenant is known) and before authorization (calls without a key count too).</summary>
    public static IApplicationBuilder UseApiLimits(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        app.UseMiddleware<GatewayBudget>();
        return app;
    }

    /// <summary>Runs the endpoints with the <see cref="GatewayBudget"/>: those that call a gateway while a user waits.</summary>
    public static TBuilder WithGatewayBudget<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            GatewayBudget.Marker.Instance,
            new ProducesResponseTypeMetadata(StatusCodes.Status504GatewayTimeout, typeof(ProblemDetails), ["application/problem+json"]));

    private static RateLimitPartition<string> Concurrency(HttpContext context, int permits) =>
        RateLimitPartition.GetConcurrencyLimiter(Partition(context), _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 });

    /// <summary>The tenant of a valid key; else the client's address (a wrong key is still a caller).</summary>
    private static string Partition(HttpContext context) =>
        context.User.FindFirst(ApiKeyAuthenticationHandler.TenantClaim)?.Value is { } tenant
            ? "tenant:" + tenant
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var (code, detail, retryAfter) = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? ("rate_limited", "Too many calls: slow down and retry after the Retry-After seconds.", (int)Math.Ceiling(Math.Max(wait.TotalSeconds, 1)))
            : policy == Imports
                ? ("limit.concurrent_imports", "This tenant already has as many uploads running as it may: retry when one has finished.", BusyRetryAfterSeconds)
                : ("limit.concurrent_previews", "This tenant already has as many previews running as it may: retry when one has finished.", BusyRetryAfterSeconds);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiLimitsExtensions));
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.Limited(context.Request.Method, context.Request.Path, code, Partition(context));
        }

        await ProblemWriter.WriteAsync(
            context, StatusCodes.Status429TooManyRequests, "Too many requests", code, detail, retryAfterSeconds: retryAfter);
    }
}
