using System.Runtime.CompilerServices;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Templates;
using Npgsql;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Streams a list's contacts for rendering, in phone order: the order of the contacts' primary key (so no sort, for
/// any size of list) and of the contacts listing, and a fixed order, which preparing needs to be deterministic and
/// preview needs to show what preparing will store. Only the columns the template reads are fetched, and no JSON is
/// parsed. Numbers suppressed since the import are flagged. Nothing is held: rows come from the server as they are read.
/// </summary>
internal static class RecipientReader
{
    /// <summary>The list columns a template reads (the <c>phone</c> variable reads the number, not a column).</summary>
    public static IReadOnlyList<string> ColumnsOf(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Referenced.Select(v => v.Column).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <param name="columns">The list columns the template reads (header names).</param>
    /// <param name="limit">The first this many contacts only; null: all of them.</param>
    public static async IAsyncEnumerable<ListRecipient> ReadAsync(
        NpgsqlConnection connection,
        TenantId tenant,
        ContactListId list,
        IReadOnlyList<string> columns,
        long? limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(columns);

        bool anySuppressed;
        await using (var probe = new NpgsqlCommand("select exists (select 1 from campaigns.suppressions where tenant_id = $1)", connection))
        {
            probe.Parameters.Add(new() { Value = tenant.Value });
            anySuppressed = (bool)(await probe.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new() { Value = list.Value });
        var suppressed = "false";
        if (anySuppressed)
        {
            // One index probe per contact, only for tenants that have suppressions at all.
            command.Parameters.Add(new() { Value = tenant.Value });
            suppressed = "exists (select 1 from campaigns.suppressions s where s.tenant_id = $2 and s.phone = c.phone)";
        }

        var fields = new List<string>(columns.Count);
        foreach (var column in columns)
        {
            command.Parameters.Add(new() { Value = column });
            fields.Add($", c.fields ->> ${command.Parameters.Count}");
        }

        var first = "";
        if (limit is { } count)
        {
            command.Parameters.Add(new() { Value = count });
            first = $" limit ${command.Parameters.Count}";
        }

        command.CommandText = $"select c.phone, c.line, {suppressed}{string.Concat(fields)} from campaigns.contacts c where c.list_id = $1 order by c.phone{first}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new Dictionary<string, string>(columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                if (!reader.IsDBNull(3 + i))
                {
                    values[columns[i]] = reader.GetString(3 + i);
                }
            }

            yield return new ListRecipient(new TemplateRecipient(reader.GetString(0), values), reader.GetInt32(1), reader.GetBoolean(2));
        }
    }
}
