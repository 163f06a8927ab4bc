using System.Net;
using System.Text;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// A gateway call failed for good: the client has already retried whatever could be retried, so the caller decides
/// (skip the recipient, pause the sender, reschedule) and does not retry the call again itself. It carries the HTTP
/// status and the gateway's own messages; its <see cref="Exception.Message"/> masks phone numbers.
/// </summary>
/// <remarks>Not sealed: <see cref="GatewayOutcomeUnknownException"/> refines it for sends.</remarks>
internal class GatewayException : Exception
{
    public GatewayException(
        GatewayCall call,
        string? instance,
        GatewayFailure failure,
        HttpStatusCode? statusCode = null,
        string? gatewayError = null,
        IReadOnlyList<string>? gatewayMessages = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(Describe(call, instance, failure, statusCode, gatewayError, gatewayMessages), innerException)
    {
        Call = call;
        Instance = instance;
        Failure = failure;
        StatusCode = statusCode;
        GatewayError = gatewayError;
        GatewayMessages = gatewayMessages ?? [];
        RetryAfter = retryAfter;
    }

    public GatewayCall Call { get; }

    /// <summary>The instance called, or <see langword="null"/> for a gateway-wide call.</summary>
    public string? Instance { get; }

    public GatewayFailure Failure { get; }

    /// <summary>The HTTP status, or <see langword="null"/> when no answer came (connection, timeout, open circuit).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The gateway's <c>error</c> (e.g. <c>Bad Request</c>), or the HTTP reason phrase.</summary>
    public string? GatewayError { get; }

    /// <summary>
    /// The gateway's <c>message</c>, flattened: a string, every string of nested arrays, objects as raw JSON (for
    /// <see cref="GatewayFailure.InvalidResponse"/>: what did not match the contract). Unmasked: may hold phone numbers,
    /// so log <see cref="Exception.Message"/> instead.
    /// </summary>
    public IReadOnlyList<string> GatewayMessages { get; }

    /// <summary>How long the gateway asked us to wait (Retry-After), when it did.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(
        GatewayCall call, string? instance, GatewayFailure failure, HttpStatusCode? statusCode, string? gatewayError,
        IReadOnlyList<string>? gatewayMessages)
    {
        var text = new StringBuilder("Evolution API ").Append(call);
        if (instance is not null)
        {
            text.Append(" on instance '").Append(instance).Append('\'');
        }

        text.Append(" failed: ").Append(failure);
        if (statusCode is { } status)
        {
            text.Append(" (HTTP ").Append((int)status);
            if (!string.IsNullOrEmpty(gatewayError))
            {
                text.Append(' ').Append(gatewayError);
            }

            text.Append(')');
        }

        if (gatewayMessages is { Count: > 0 })
        {
            text.Append(": ").Append(GatewayRedaction.Redact(string.Join("; ", gatewayMessages)));
        }

        return text.ToString();
    }
}
