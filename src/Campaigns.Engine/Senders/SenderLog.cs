using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Senders;

/// <summary>Log events of senders: EventIds 2200–2299. Never keys or full numbers.</summary>
internal static partial class SenderLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Sender {SenderId} registered on instance {Instance}: {State}")]
    public static partial void Registered(ILogger logger, Guid senderId, string instance, SenderState state);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Sender {SenderId} is now {State} ({Reason})")]
    public static partial void StateChanged(ILogger logger, Guid senderId, SenderState state, string? reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Sender {SenderId}: the gateway refused the stored instance key; repaired it with the gateway's master key")]
    public static partial void KeyRepaired(ILogger logger, Guid senderId);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Sender {SenderId}: the gateway refused the stored instance key and it could not be repaired; paused as unauthorized")]
    public static partial void KeyRefused(ILogger logger, Guid senderId);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Instance {Instance} was created on {GatewayUrl} but its registration failed, and deleting it failed too: delete it by hand")]
    public static partial void OrphanInstance(ILogger logger, Exception exception, string instance, string gatewayUrl);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "Sender {SenderId}: its linked number is already another sender's; it cannot send while that one exists")]
    public static partial void NumberHeld(ILogger logger, Guid senderId);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Sender {SenderId} resumed by its user")]
    public static partial void Resumed(ILogger logger, Guid senderId);
}
