using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Tenants;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Reports;

/// <summary>
/// "Retry failed": once a campaign is completed or cancelled, its recipients not reached (<see cref="Unreached"/>)
/// become a new contact list — their original columns and lines, the original list's header, phone column and region —
/// and a new draft copies the campaign's template, media, senders, send window and <c>maxIdentical</c> over it (no
/// start time: the old one has passed). One transaction, holding the campaign's row, so a retry sees one final state.
/// The draft is then prepared and started like any other (its prepare skips numbers suppressed since).
/// </summary>
internal sealed class CampaignRetry(NpgsqlDataSource dataSource, IClock clock)
{
    public async Task<Result<RetryDraft>> CreateAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string status;
        await using (var find = new NpgsqlCommand(
            "select status from campaigns.campaigns where tenant_id = $1 and id = $2 and kind <> 'direct' for share", connection, transaction))
        {
            find.Parameters.Add(new() { Value = tenant.Value });
            find.Parameters.Add(new() { Value = id.Value });
            if (await find.ExecuteScalarAsync(cancellationToken) is not string found)
            {
                return CampaignErrors.NotFound();
            }

            status = found;
        }

        if (status is not ("completed" or "cancelled"))
        {
            return RetryErrors.NotEnded(id, status);
        }

        var list = new ContactListId(Guid.CreateVersion7());
        int recipients;
        await using (var copyList = new NpgsqlCommand(
            $$"""
            with unreached as (
                select m.phone, coalesce(ct.line, m.line) as line, coalesce(ct.fields, '{}'::jsonb) as fields
                  from campaigns.campaigns c
                  join campaigns.messages m on m.campaign_id = c.id
                  left join campaigns.contacts ct on ct.list_id = c.contact_list_id and ct.phone = m.phone
                 where c.id = $2 and {{Unreached.Sql("$1")}}),
            contacts as (
                insert into campaigns.contacts (list_id, phone, line, fields)
                select $3, phone, line, fields from unreached
                returning 1)
            insert into campaigns.contact_lists (id, tenant_id, name, file_name, default_region, phone_column, columns, row_count, imported, created_at)
            select $3, c.tenant_id, left(coalesce(l.name, c.name), 180) || ' (not reached)', null,
                   coalesce(l.default_region, 'ZZ'), coalesce(l.phone_column, 'phone'), coalesce(l.columns, '{phone}'),
                   (select count(*) from contacts), (select count(*) from contacts), $4
              from campaigns.campaigns c left join campaigns.contact_lists l on l.id = c.contact_list_id
             where c.id = $2
            returning imported
            """, connection, transaction))
        {
            copyList.Parameters.Add(new() { Value = tenant.Value });
            copyList.Parameters.Add(new() { Value = id.Value });
            copyList.Parameters.Add(new() { Value = list.Value });
            copyList.Parameters.Add(new() { Value = now });
            recipients = (int)(await copyList.ExecuteScalarAsync(cancellationToken))!;
        }

        if (recipients == 0)
        {
            return RetryErrors.NothingToRetry(id); // rolled back: the empty list goes with the transaction
        }

        var draft = CampaignId.New();
        await using var copyCampaign = new NpgsqlBatch(connection, transaction);
        copyCampaign.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            insert into campaigns.campaigns (id, tenant_id, name, contact_list_id, template, media, window_starts, window_ends, window_days,
                                             window_time_zone, start_at, max_identical, status, recipients_total, recipients_rendered, created_at, updated_at)
            select $3, tenant_id, left(name, 192) || ' (retry)', $4, template, media, window_starts, window_ends, window_days,
                   window_time_zone, null, max_identical, 'draft', 0, 0, $5, $5
              from campaigns.campaigns where tenant_id = $1 and id = $2
            """)
        {
            Parameters = { new() { Value = tenant.Value }, new() { Value = id.Value }, new() { Value = draft.Value }, new() { Value = list.Value }, new() { Value = now } },
        });
        copyCampaign.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            insert into campaigns.campaign_senders (campaign_id, sender_id, position)
            select $2, sender_id, position from campaigns.campaign_senders where campaign_id = $1
            """)
        {
            Parameters = { new() { Value = id.Value }, new() { Value = draft.Value } },
        });
        await copyCampaign.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new RetryDraft(draft, list, recipients);
    }
}
