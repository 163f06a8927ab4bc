using Campaigns.Domain.Contacts;
using NodaTime;

namespace Campaigns.Engine.Contacts;

/// <summary>A stored contact list with the counts of its import.</summary>
/// <param name="Rows">Data rows read from the file (blank lines excluded).</param>
/// <param name="Imported">Distinct numbers kept.</param>
/// <param name="Invalid">Rows whose number could not be used, or whose shape was wrong.</param>
/// <param name="Duplicates">Rows whose number an earlier row of the file already had.</param>
/// <param name="Suppressed">Rows whose number is on the tenant's suppression list.</param>
internal sealed record ContactList(
    ContactListId Id,
    string Name,
    string? FileName,
    string DefaultRegion,
    string PhoneColumn,
    IReadOnlyList<string> Columns,
    int Rows,
    int Imported,
    int Invalid,
    int Duplicates,
    int Suppressed,
    Instant CreatedAt);
