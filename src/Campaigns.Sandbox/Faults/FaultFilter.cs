using System.Globalization;
using Campaigns.Sandbox.Control;
using Campaigns.Sandbox.Gateway;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox.Faults;

/// <summary>
/// The outermost layer of every gateway route, like an overloaded gateway or a proxy in front of it: first the
/// latency switch, then an injected fault if one is queued for this request.
/// </summary>
internal sealed class FaultFilter(
    FaultInjector faults,
    SandboxSwitches switches,
    TimeProvider time,
    IOptions<FaultOptions> options,
    ILogger<FaultFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var aborted = http.RequestAborted;
        if (switches.Values.LatencyMs is > 0 and var latency && !await WaitAsync(TimeSpan.FromMilliseconds(latency), aborted))
        {
            return Results.Empty; // the client left during the latency
        }

        if (faults.Take(http.GetRouteValue(InstanceGuardFilter.RouteValue) as string) is not { } fault)
        {
            return await next(context);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            SandboxLog.FaultInjected(logger, fault.Kind, http.Request.Method, http.Request.Path.Value ?? "");
        }

        switch (fault.Kind)
        {
            case FaultKind.TooManyRequests:
                http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return EvolutionErrors.TooManyRequests();
            case FaultKind.ServerError:
                return EvolutionErrors.Internal("Sandbox: injected failure");
            case FaultKind.Hang:
                await HangAsync(aborted);
                return EvolutionErrors.Internal("Sandbox: the request hung");
            default:
                var result = await next(context);
                await HangAsync(aborted);
                return result;
        }
    }

    /// <summary>Holds the request; the client giving up is the point of hanging.</summary>
    private Task<bool> HangAsync(CancellationToken aborted) => WaitAsync(TimeSpan.FromMilliseconds(options.Value.HangMs), aborted);

    /// <summary>Waits, and says whether the client is still there.</summary>
    private async Task<bool> WaitAsync(TimeSpan wait, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(wait, time, aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
