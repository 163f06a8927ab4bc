using System.Net;
using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// Log events of the gateway client: EventIds 2000–2099. Never API keys, message bodies or unmasked numbers: instance
/// names and base URLs (checked to carry no credentials) only; gateway messages pass through <see cref="GatewayRedaction"/>.
/// </summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug,
        Message = "Gateway {Call} on instance {Instance}: HTTP {StatusCode} in {ElapsedMs} ms")]
    public static partial void CallCompleted(this ILogger logger, GatewayCall call, string instance, int statusCode, long elapsedMs);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Gateway {Call} on instance {Instance} failed ({Reason}); retry {Retry} in {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, GatewayCall call, string instance, string reason, int retry, long delayMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Gateway circuit opened for instance {Instance} at {BaseUrl} after {Reason}; calls rejected for {BreakSeconds} s")]
    public static partial void CircuitOpened(this ILogger logger, string instance, string baseUrl, string reason, double breakSeconds);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "Gateway circuit half-open for instance {Instance} at {BaseUrl}: probing")]
    public static partial void CircuitHalfOpened(this ILogger logger, string instance, string baseUrl);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "Gateway circuit closed for instance {Instance} at {BaseUrl}")]
    public static partial void CircuitClosed(this ILogger logger, string instance, string baseUrl);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "Gateway {Call} on instance {Instance} failed: {Failure}, HTTP {StatusCode}: {Detail}")]
    public static partial void CallFailed(
        this ILogger logger, GatewayCall call, string instance, GatewayFailure failure, HttpStatusCode? statusCode, string detail);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Gateway {Call} on instance {Instance}: outcome unknown ({Failure}, HTTP {StatusCode}); not retried, to be reconciled")]
    public static partial void OutcomeUnknown(
        this ILogger logger, Exception? exception, GatewayCall call, string instance, GatewayFailure failure, HttpStatusCode? statusCode);
}
