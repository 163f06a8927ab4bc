using System.Runtime.CompilerServices;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Tenants;
using Npgsql;

namespace Campaigns.Engine.Reports;

/// <summary>
/// A campaign's report, one line per recipient in phone order, read as a stream (one connection, rows as they come:
/// a million recipients never sit in memory). The list's columns are its header names as imported, the phone column
/// left out (the report's first column is the number); a deleted list leaves them empty.
/// </summary>
internal sealed class CampaignReport(NpgsqlDataSource dataSource)
{
    /// <summary>The list's columns the report carries, or null when the campaign is not the tenant's.</summary>
    public async Task<IReadOnlyList<string>?> ColumnsAsync(TenantId tenant, CampaignId campaign, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select coalesce(array(select col from unnest(l.columns) as col where col <> l.phone_column), '{}')
              from campaigns.campaigns c left join campaigns.contact_lists l on l.id = c.contact_list_id
             where c.tenant_id = $1 and c.id = $2 and c.kind <> 'direct' -- a direct send is a message, not a campaign to report
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = campaign.Value });
        return await command.ExecuteScalarAsync(cancellationToken) is string[] columns ? columns : null;
    }

    /// <summary>The report's lines; <paramref name="unreachedOnly"/> keeps the recipients not reached (<see cref="Unreached"/>).</summary>
    public async IAsyncEnumerable<ReportRow> RowsAsync(
        TenantId tenant,
        CampaignId campaign,
        IReadOnlyList<string> columns,
        bool unreachedOnly,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        await using var command = dataSource.CreateCommand(
            $"""
            select m.phone,
                   array(select ct.fields ->> u.col from unnest($3::text[]) with ordinality as u (col, ord) order by u.ord),
                   m.status, m.sent_at, m.delivered_at, m.read_at, m.replied_at,
                   coalesce(m.error_code, m.skip_code), coalesce(m.error, m.skip_reason)
              from campaigns.campaigns c
              join campaigns.messages m on m.campaign_id = c.id
              left join campaigns.contacts ct on ct.list_id = c.contact_list_id and ct.phone = m.phone
             where c.tenant_id = $1 and c.id = $2 and c.kind <> 'direct' and ($4 = false or {Unreached.Sql("$1")})
             order by m.phone
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = campaign.Value });
        command.Parameters.Add(new() { Value = columns.ToArray() });
        command.Parameters.Add(new() { Value = unreachedOnly });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ReportRow(
                reader.GetString(0),
                reader.GetFieldValue<string?[]>(1),
                reader.GetString(2),
                MessageRows.Time(reader, 3),
                MessageRows.Time(reader, 4),
                MessageRows.Time(reader, 5),
                MessageRows.Time(reader, 6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8));
        }
    }
}
