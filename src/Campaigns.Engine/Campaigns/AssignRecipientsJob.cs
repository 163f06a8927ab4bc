using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Database;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Senders;
using Hangfire;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Gives a running campaign's pending messages a sender and queues them (<c>pending → queued</c>), then wakes the
/// senders' numbers for dispatch. Spread over the campaign's usable senders (<see cref="SenderUsability"/>):
/// <list type="number">
/// <item><b>sticky</b> first: a recipient whose last sender (<c>recipients.sender_id</c>, the tenant's sender that last
/// talked with them) is one of them keeps it;</item>
/// <item>then <b>evenly</b>, each message to the sender holding the fewest of the campaign's messages so far (ties in
/// the campaign's order), so the counts differ by at most one except where sticky recipients tipped them.</item>
/// </list>
/// Idempotent and safe to run twice or at once: runs of one campaign take turns on an advisory lock, every write is
/// guarded by <c>status = 'pending'</c>, and a second run finds nothing left. Batched (<see cref="BatchSize"/> messages per
/// statement and transaction), so a large campaign neither holds one long transaction nor loses finished batches when
/// the process dies. A running campaign with nothing left to send is completed.
/// </summary>
internal sealed class AssignRecipientsJob(NpgsqlDataSource dataSource, IClock clock, ILogger<AssignRecipientsJob> logger)
{
    /// <summary>Messages per statement and transaction.</summary>
    public const int BatchSize = 10_000;

    // Advisory locks in the two-key form, class "asgn"; the second key is the campaign's (PrepareLocks.CampaignKey).
    private const int AssignClass = 0x6173676E;

    /// <summary>Assigns the campaign's pending messages; returns how many were queued. Does nothing unless it is running.</summary>
    [JobDisplayName("Assign the recipients of campaign {0}")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // StartDueCampaignsJob assigns whatever a failed run left pending: one retry layer
    public async Task<int> RunAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var id = new CampaignId(campaignId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "select pg_advisory_lock($1, $2)", cancellationToken, AssignClass, PrepareLocks.CampaignKey(id));
        try
        {
            return await AssignAsync(connection, id, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, "select pg_advisory_unlock($1, $2)", CancellationToken.None, AssignClass, PrepareLocks.CampaignKey(id));
        }
    }

    private async Task<int> AssignAsync(NpgsqlConnection connection, CampaignId id, CancellationToken cancellationToken)
    {
        Guid tenant;
        await using (var campaign = new NpgsqlCommand("select tenant_id from campaigns.campaigns where id = $1 and status = 'running'", connection))
        {
            campaign.Parameters.Add(new() { Value = id.Value });
            if (await campaign.ExecuteScalarAsync(cancellationToken) is not Guid found)
            {
                return 0;
            }

            tenant = found;
        }

        // Numbers suppressed since the prepare read the list (by hand, or an opt-out that came while it was rendering,
        // after the opt-out skipped what was stored then) are never assigned: skipped as prepare skips them.
        var suppressed = await ExecuteAsync(
            connection,
            """
            update campaigns.messages m set status = 'skipped', skip_code = $3, skip_reason = $4
             where m.campaign_id = $1 and m.status = 'pending'
               and exists (select 1 from campaigns.suppressions s where s.tenant_id = $2 and s.phone = m.phone)
            """,
            cancellationToken, id.Value, tenant, CampaignErrors.Suppressed().Code, CampaignErrors.Suppressed().Message);
        if (suppressed > 0)
        {
            AssignLog.SkippedSuppressed(logger, id.Value, suppressed);
        }

        var senders = await UsableSendersAsync(connection, id, cancellationToken);
        if (senders.Length == 0)
        {
            AssignLog.NoUsableSender(logger, id.Value);
            return 0;
        }

        var sticky = 0;
        int moved;
        do
        {
            moved = await ExecuteAsync(
                connection,
                """
                with x as materialized (  -- computed once: inlined, a planner without statistics (right after
                                          -- prepare's COPY) ran the limited join once per message (64 s at 4,000)
                    select p.phone, r.sender_id
                      from campaigns.messages p
                      join campaigns.recipients r on r.tenant_id = $2 and r.phone = p.phone
                     where p.campaign_id = $1 and p.status = 'pending' and r.sender_id = any($3)
                     limit $4)
                update campaigns.messages m set sender_id = x.sender_id, status = 'queued'
                  from x
                 where m.campaign_id = $1 and m.phone = x.phone and m.status = 'pending'
                """,
                cancellationToken,
                id.Value,
                tenant,
                senders,
                BatchSize);
            sticky += moved;
        }
        while (moved == BatchSize);

        var fewest = new FewestFirst(senders, await CountsAsync(connection, id, senders, cancellationToken));
        var even = 0;
        string? after = null;
        while (true)
        {
            var phones = await PendingAsync(connection, id, after, cancellationToken);
            if (phones.Count == 0)
            {
                break;
            }

            var chosen = new Guid[phones.Count];
            for (var i = 0; i < chosen.Length; i++)
            {
                chosen[i] = fewest.Next();
            }

            even += await ExecuteAsync(
                connection,
                """
                update campaigns.messages m set sender_id = a.sender_id, status = 'queued'
                  from unnest($2::text[], $3::uuid[]) as a (phone, sender_id)
                 where m.campaign_id = $1 and m.phone = a.phone and m.status = 'pending'
                """,
                cancellationToken,
                id.Value,
                phones.ToArray(),
                chosen);
            after = phones[^1];
            if (phones.Count < BatchSize)
            {
                break;
            }
        }

        await CompleteIfDoneAsync(connection, id, cancellationToken);
        await DispatchWake.WakeSendersAsync(connection, null, senders, cancellationToken);
        AssignLog.Assigned(logger, id.Value, sticky, even, senders.Length);
        return sticky + even;
    }

    private static async Task<Guid[]> UsableSendersAsync(NpgsqlConnection connection, CampaignId id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select s.id from campaigns.campaign_senders cs join campaigns.senders s on s.id = cs.sender_id
             where cs.campaign_id = $1 and {SenderUsability.Sql}
             order by cs.position
            """,
            connection);
        command.Parameters.Add(new() { Value = id.Value });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids.ToArray();
    }

    /// <summary>How many of the campaign's messages each sender holds already (sticky ones and earlier runs' included).</summary>
    private static async Task<long[]> CountsAsync(NpgsqlConnection connection, CampaignId id, Guid[] senders, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select sender_id, count(*) from campaigns.messages where campaign_id = $1 and sender_id = any($2) group by sender_id", connection);
        command.Parameters.Add(new() { Value = id.Value });
        command.Parameters.Add(new() { Value = senders });
        var counts = new long[senders.Length];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[Array.IndexOf(senders, reader.GetGuid(0))] = reader.GetInt64(1);
        }

        return counts;
    }

    private static async Task<List<string>> PendingAsync(NpgsqlConnection connection, CampaignId id, string? after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select phone from campaigns.messages
             where campaign_id = $1 and status = 'pending' and ($2::text is null or phone > $2)
             order by phone
             limit $3
            """,
            connection);
        command.Parameters.Add(new() { Value = id.Value });
        command.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = BatchSize });
        var phones = new List<string>(BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            phones.Add(reader.GetString(0));
        }

        return phones;
    }

    /// <summary>A running campaign with no message left to send (every one skipped, say) is completed.</summary>
    private async Task CompleteIfDoneAsync(NpgsqlConnection connection, CampaignId id, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            connection,
            """
            update campaigns.campaigns set status = 'completed', completed_at = $2, updated_at = $2
             where id = $1 and status = 'running'
               and not exists (select 1 from campaigns.messages
                                where campaign_id = $1 and status in ('pending', 'queued', 'sending'))
            """,
            cancellationToken,
            id.Value,
            clock.Now());

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
