using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Database;

/// <summary>Log events of the database layer: EventIds 1000–1099.</summary>
internal static partial class DatabaseLog
{
    [LoggerMessage(EventId = 1000, Message = "Migration: {Text}")]
    public static partial void Migration(ILogger logger, LogLevel level, Exception? exception, string text);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database schema is up to date ({Applied} migrations applied now)")]
    public static partial void Migrated(ILogger logger, int applied);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Could not read the dead tuples of the hot tables; the gauge shows nothing this time")]
    public static partial void DeadTuplesUnreadable(ILogger logger, Exception exception);
}
