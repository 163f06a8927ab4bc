using Campaigns.Engine.Gateway;
using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Dispatch;

internal static partial class DispatchLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Dispatch loop {Owner} started on slot {Slot}")]
    public static partial void LoopStarted(this ILogger logger, string owner, int slot);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Dispatch loop {Owner} ended: {Sends} sends")]
    public static partial void LoopEnded(this ILogger logger, string owner, long sends);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Dispatch slot {Slot} is held by another loop; this copy exits")]
    public static partial void SlotTaken(this ILogger logger, int slot);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Dispatch loop {Owner} lost its slot {Slot} lease; it drains and ends")]
    public static partial void SlotLost(this ILogger logger, string owner, int slot);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "Dispatch loop {Owner} failed a step; it goes on")]
    public static partial void StepFailed(this ILogger logger, Exception exception, string owner);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Sender {SenderId}: its instance key cannot be decrypted; paused")]
    public static partial void KeyUnreadable(this ILogger logger, Exception exception, Guid senderId);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Instance {Instance} is {State} after a send failed ({Failure}): its sender is paused")]
    public static partial void SenderNotOpen(this ILogger logger, string instance, string state, GatewayFailure failure);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "Connection state of instance {Instance} could not be read")]
    public static partial void StateUnknown(this ILogger logger, Exception exception, string instance);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Sender {SenderId} paused: {Reason}")]
    public static partial void SenderPaused(this ILogger logger, Guid senderId, string reason);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information,
        Message = "Reconciled message of campaign {CampaignId}: {Outcome}")]
    public static partial void Reconciled(this ILogger logger, Guid campaignId, string outcome);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning,
        Message = "Message of campaign {CampaignId} could not be reconciled (the gateway cannot be asked)")]
    public static partial void ReconcileUnreachable(this ILogger logger, Exception exception, Guid campaignId);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Information, Message = "Campaigns completed: {Count}")]
    public static partial void CampaignsCompleted(this ILogger logger, int count);

    [LoggerMessage(EventId = 2160, Level = LogLevel.Warning,
        Message = "Sender {SenderId}: WhatsApp answered a reach-out timelock (463), ends {Until}")]
    public static partial void Timelocked(this ILogger logger, Guid senderId, string until);

    [LoggerMessage(EventId = 2161, Level = LogLevel.Warning,
        Message = "Sender {SenderId} restricted ({Restriction}) until {Until}: no first contacts until then")]
    public static partial void SenderRestricted(this ILogger logger, Guid senderId, string restriction, DateTimeOffset until);

    [LoggerMessage(EventId = 2162, Level = LogLevel.Warning, Message = "Sender {SenderId} paused by the health guard: {Reason}")]
    public static partial void HealthPaused(this ILogger logger, Guid senderId, string reason);
}
