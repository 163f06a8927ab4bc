using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Direct;

internal static partial class DirectSendLog
{
    [LoggerMessage(EventId = 2900, Level = LogLevel.Information, Message = "Direct send {MessageId} ({Origin}) to {Phone} queued on sender {SenderId}")]
    public static partial void Queued(this ILogger logger, Guid messageId, string origin, string phone, Guid senderId);

    [LoggerMessage(EventId = 2901, Level = LogLevel.Information, Message = "Direct send {MessageId} asked again under its idempotency key")]
    public static partial void Replayed(this ILogger logger, Guid messageId);
}
