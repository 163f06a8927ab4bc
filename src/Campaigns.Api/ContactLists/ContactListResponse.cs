using Campaigns.Engine.Contacts;

namespace Campaigns.Api.ContactLists;

/// <summary>A contact list and the counts of its import.</summary>
/// <param name="Rows">Data rows read from the file (blank lines excluded).</param>
/// <param name="Columns">The header names exactly as in the file.</param>
internal sealed record ContactListResponse(
    Guid Id,
    string Name,
    string? FileName,
    string DefaultRegion,
    int Rows,
    int Imported,
    int Invalid,
    int Duplicates,
    int Suppressed,
    IReadOnlyList<string> Columns,
    string PhoneColumn,
    DateTimeOffset CreatedAt)
{
    public static ContactListResponse From(ContactList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new(
            list.Id.Value, list.Name, list.FileName, list.DefaultRegion, list.Rows, list.Imported, list.Invalid,
            list.Duplicates, list.Suppressed, list.Columns, list.PhoneColumn, list.CreatedAt.ToDateTimeOffset());
    }
}
