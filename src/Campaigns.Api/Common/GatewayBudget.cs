using Campaigns.Engine.Gateway;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Common;

/// <summary>
/// The time a request may spend waiting on a gateway while a user waits for the answer (<c>Gateway:InteractiveTimeout</c>,
/// 20 s): endpoints marked with <see cref="ApiLimitsExtensions.WithGatewayBudget{TBuilder}"/> run with a request token
/// that is cancelled when it is spent, which stops the gateway call, its retries and its back-off, and answer 504
/// <c>gateway.timeout</c>. Without it, a gateway that accepts connections and never answers held the request for
/// about two minutes (30 s per attempt × 4 plus back-off), past any proxy's patience.
/// </summary>
internal sealed class GatewayBudget(RequestDelegate next, IOptions<GatewayOptions> options, ILogger<GatewayBudget> logger)
{
    /// <summary>The endpoint metadata that asks for the budget.</summary>
    internal sealed class Marker
    {
        public static readonly Marker Instance = new();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<Marker>() is null)
        {
            await next(context);
            return;
        }

        var budget = options.Value.InteractiveTimeout;
        var aborted = context.RequestAborted;
        using var spent = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        spent.CancelAfter(budget);
        context.RequestAborted = spent.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (spent.IsCancellationRequested && !aborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            logger.GatewayBudgetSpent(context.Request.Method, context.Request.Path, budget);
            await ProblemWriter.WriteAsync(
                context, StatusCodes.Status504GatewayTimeout, "Gateway timeout", "gateway.timeout",
                $"The gateway did not answer within {budget.TotalSeconds:0.#} s. Check that its URL is the Evolution API and that it is up, then try again.");
        }
        finally
        {
            context.RequestAborted = aborted;
        }
    }
}
