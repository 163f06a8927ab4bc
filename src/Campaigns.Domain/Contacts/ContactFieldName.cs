namespace Campaigns.Domain.Contacts;

/// <summary>
/// The names under which a contact file's columns are kept. Headers are kept exactly as in the file;
/// an empty header cell becomes <c>column_N</c> (N counted from 1) so that every value has a name.
/// </summary>
public static class ContactFieldName
{
    public static string[] FromHeaders(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var names = new string[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            names[i] = string.IsNullOrWhiteSpace(headers[i]) ? $"column_{i + 1}" : headers[i];
        }

        return names;
    }

    /// <summary>The names that occur more than once, compared exactly; empty when all are distinct.</summary>
    public static IReadOnlyList<string> Duplicates(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
}
