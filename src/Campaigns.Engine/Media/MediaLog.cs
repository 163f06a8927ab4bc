using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Media;

/// <summary>The media pre-flight's log (events 1260–1269).</summary>
internal static partial class MediaLog
{
    [LoggerMessage(EventId = 1260, Level = LogLevel.Information, Message = "Media pre-flight of a url on {Host} failed: {Reason}")]
    public static partial void PreflightFailed(ILogger logger, string host, string reason);
}
