using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// The one place that decides which failed attempts are retried, and which failures mean a send's outcome is unknown.
/// <list type="bullet">
/// <item>Reads and upserts (connection state, <c>whatsappNumbers</c>, <c>findMessages</c>, <c>webhook/set</c>, connect,
/// fetchInstances) are idempotent: every transient failure is retried (5xx, 408, 429, timeouts, connection errors).</item>
/// <item>Sends and <c>/instance/create</c> are not: they are retried only when the gateway cannot have acted on them:
/// no connection could be made (refused, DNS, TLS, proxy), or a 429 (a refusal, RFC 6585). Anything after the request
/// may have been sent (timeout, connection lost, 5xx) fails at once with <see cref="GatewayOutcomeUnknownException"/>:
/// Evolution does not deduplicate sends, so a retry could deliver the message twice.</item>
/// <item>A Retry-After longer than <see cref="GatewayOptions.MaxRetryAfter"/> is not waited out here; the caller gets it.</item>
/// </list>
/// Hangfire must not add its own retries on top: a <see cref="GatewayException"/> is final for the job.
/// </summary>
internal static class GatewayRetryPolicy
{
    public static bool IsIdempotent(GatewayCall call) => call switch
    {
        GatewayCall.SendText or GatewayCall.SendMedia or GatewayCall.SendWhatsAppAudio or GatewayCall.CreateInstance => false,
        _ => true,
    };

    /// <summary>Whether a failed attempt of <paramref name="call"/> may be tried again.</summary>
    public static bool ShouldRetry(GatewayCall call, Outcome<HttpResponseMessage> outcome, TimeSpan? retryAfter, TimeSpan maxRetryAfter)
    {
        if (retryAfter > maxRetryAfter)
        {
            return false;
        }

        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests })
        {
            return true;
        }

        if (IsIdempotent(call))
        {
            return IsTransient(outcome);
        }

        return outcome.Exception is HttpRequestException exception && WasNeverSent(exception);
    }

    /// <summary>
    /// Whether an attempt failed for a reason that may pass: 5xx, 408, 429, a timeout, a connection or read error.
    /// These also count against the instance's circuit breaker; other 4xx answers do not.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) || outcome.Exception is IOException;

    /// <summary>
    /// Whether the request cannot have left this machine: the connection itself failed. Failures on an established
    /// connection (<see cref="HttpRequestError.ResponseEnded"/>, <see cref="HttpRequestError.Unknown"/>, …) may come after
    /// the request was written.
    /// </summary>
    public static bool WasNeverSent(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
    }

    /// <summary>The Retry-After of an answer as a delay from now (seconds or an HTTP date), if it has one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var delay = date - timeProvider.GetUtcNow();
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        return null;
    }

    /// <summary>A short reason for logs: the status code or the exception kind, never a body.</summary>
    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => $"HTTP {(int)response.StatusCode}",
        { Exception: HttpRequestException exception } => $"{nameof(HttpRequestException)} {exception.HttpRequestError}",
        { Exception: TimeoutRejectedException } => "attempt timeout",
        { Exception: { } exception } => exception.GetType().Name,
        _ => "unknown",
    };
}
