using System.Text.Json;
using Campaigns.Domain.Campaigns;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// A campaign's events (<c>campaign_events</c>) and whether it waits for a sender (<see cref="CampaignWaiting"/>), for
/// <c>GET /api/campaigns/{id}</c>; <see cref="AppendAsync"/> is how writers add one inside their own transaction.
/// </summary>
internal sealed class CampaignEventStore(NpgsqlDataSource dataSource)
{
    /// <summary>The most events a campaign's answer carries.</summary>
    public const int Latest = 20;

    /// <summary>The campaign's <see cref="Latest"/> newest events (newest first) and whether it waits for a sender.</summary>
    public async Task<(IReadOnlyList<CampaignEvent> Events, string? Waiting)> ReadAsync(CampaignId campaign, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "select kind, at, detail::text from campaigns.campaign_events where campaign_id = $1 order by id desc limit $2")
        {
            Parameters = { new() { Value = campaign.Value }, new() { Value = Latest } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select {CampaignWaiting.Sql} from campaigns.campaigns k where k.id = $1")
        {
            Parameters = { new() { Value = campaign.Value } },
        });

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var events = new List<CampaignEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var detail = JsonDocument.Parse(reader.GetString(2));
            events.Add(new CampaignEvent(reader.GetString(0), reader.GetFieldValue<Instant>(1), detail.RootElement.Clone()));
        }

        await reader.NextResultAsync(cancellationToken);
        var waiting = await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);
        return (events, waiting ? CampaignWaiting.NoUsableSender : null);
    }

    /// <summary>
    /// Adds an event of <paramref name="kind"/> unless the campaign's latest one of that kind gives the same
    /// <paramref name="reason"/> (its detail's <c>reason</c>): a condition retried every minute says why once, and again
    /// only when the reason changes.
    /// </summary>
    /// <param name="detail">Serialised as JSON with camelCase names; its <c>reason</c> is <paramref name="reason"/>.</param>
    public static async Task AppendWhenReasonChangesAsync(
        NpgsqlConnection connection, Guid campaign, string kind, string reason, object detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var latest = new NpgsqlCommand(
            "select detail ->> 'reason' from campaigns.campaign_events where campaign_id = $1 and kind = $2 order by id desc limit 1",
            connection);
        latest.Parameters.Add(new() { Value = campaign });
        latest.Parameters.Add(new() { Value = kind });
        if (await latest.ExecuteScalarAsync(cancellationToken) as string != reason)
        {
            await AppendAsync(connection, null, campaign, kind, detail, cancellationToken);
        }
    }

    /// <summary>Adds an event to <paramref name="campaign"/> (its <c>at</c> is the database's <c>now()</c>).</summary>
    /// <param name="detail">Serialised as JSON with camelCase names.</param>
    public static async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid campaign, string kind, object detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        await using var command = new NpgsqlCommand(
            "insert into campaigns.campaign_events (campaign_id, kind, detail) values ($1, $2, $3)", connection, transaction);
        command.Parameters.Add(new() { Value = campaign });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(detail, JsonSerializerOptions.Web), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
