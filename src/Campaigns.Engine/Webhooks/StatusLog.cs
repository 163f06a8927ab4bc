using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Webhooks;

/// <summary>Logs of applying statuses, connection states and the missing-receipt check (events 2520–2539).</summary>
internal static partial class StatusLog
{
    [LoggerMessage(EventId = 2520, Level = LogLevel.Debug,
        Message = "Status receipts applied: {Moved} moved, {Unchanged} unchanged, {Waiting} waiting for their message, {Ignored} ignored")]
    public static partial void ReceiptsApplied(this ILogger logger, int moved, int unchanged, int waiting, int ignored);

    [LoggerMessage(EventId = 2521, Level = LogLevel.Warning,
        Message = "Sender {SenderId}: a message failed with stub 463 (reach-out timelock) after the send was accepted")]
    public static partial void SilentTimelock(this ILogger logger, Guid senderId);

    [LoggerMessage(EventId = 2522, Level = LogLevel.Warning, Message = "Sender {SenderId} is {State} (connection.update): paused")]
    public static partial void ConnectionLost(this ILogger logger, Guid senderId, string state);

    [LoggerMessage(EventId = 2523, Level = LogLevel.Information, Message = "Sender {SenderId} is open again (connection.update): resumed")]
    public static partial void ConnectionBack(this ILogger logger, Guid senderId);

    [LoggerMessage(EventId = 2524, Level = LogLevel.Information,
        Message = "Missing receipts: {Flagged} messages flagged, {Checked} checked against the gateway, {Moved} moved on")]
    public static partial void ReceiptsChecked(this ILogger logger, int flagged, int @checked, int moved);

    [LoggerMessage(EventId = 2525, Level = LogLevel.Warning,
        Message = "Sender {SenderId}: the gateway could not be asked for its messages' receipts; left for the next run")]
    public static partial void ReceiptCheckFailed(this ILogger logger, Exception exception, Guid senderId);
}
