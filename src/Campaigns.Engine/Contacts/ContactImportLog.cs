using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Contacts;

/// <summary>Log events of contact import: EventIds 1100–1199. Never numbers or field values.</summary>
internal static partial class ContactImportLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Import {ListId}: {Rows} rows read, {Imported} imported so far")]
    public static partial void Progress(ILogger logger, Guid listId, int rows, int imported);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Imported list {ListId}: {Rows} rows, {Imported} imported, {Invalid} invalid, {Duplicates} duplicates, {Suppressed} suppressed")]
    public static partial void Imported(ILogger logger, Guid listId, int rows, int imported, int invalid, int duplicates, int suppressed);
}
