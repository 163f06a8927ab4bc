using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Templates;
using Campaigns.Engine.BulkSends;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Media;
using Hangfire;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// The recurring job (every minute or so) that keeps campaigns moving without any other job having to survive:
/// scheduled campaigns whose <c>startAt</c> has passed become running, and every running campaign that still has
/// pending messages (just begun, or its assignment was interrupted, or no sender could send when it ran) is assigned
/// again (<see cref="AssignRecipientsJob"/>). A delayed job at <c>startAt</c> may start a campaign sooner; this one
/// alone is enough. Safe on any number of servers at once: each campaign moves once and assignment takes turns.
/// A due media campaign's url passes its pre-flight first (<see cref="MediaPreflight"/>); one that fails stays scheduled,
/// is tried again at the next run, and says why in a <c>media_preflight_failed</c> event (written again only when the
/// reason changes). Ready bulk sends are started too (<see cref="BulkStarter"/>): one whose start was refused or lost.
/// </summary>
internal sealed class StartDueCampaignsJob(
    CampaignStore campaigns,
    AssignRecipientsJob assign,
    NpgsqlDataSource dataSource,
    IClock clock,
    ILogger<StartDueCampaignsJob> logger,
    MediaPreflight preflight,
    BulkStarter bulkSends)
{
    [JobDisplayName("Start due campaigns, assign pending recipients")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // it runs again at its next occurrence
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var begun = await campaigns.BeginDueAsync(now, await UnsendableMediaAsync(now, cancellationToken), cancellationToken);
        if (begun.Count > 0)
        {
            AssignLog.BeganDue(logger, begun.Count);
        }

        await bulkSends.StartReadyAsync(cancellationToken);
        foreach (var id in await RunningWithPendingAsync(cancellationToken))
        {
            await assign.RunAsync(id.Value, cancellationToken);
        }
    }

    /// <summary>The due scheduled campaigns whose media url fails its pre-flight (each gets an event saying why).</summary>
    private async Task<IReadOnlyList<CampaignId>> UnsendableMediaAsync(Instant now, CancellationToken cancellationToken)
    {
        var due = new List<(Guid Id, MediaDraft Media)>();
        await using (var command = dataSource.CreateCommand(
            "select id, media::text from campaigns.campaigns where status = 'scheduled' and start_at <= $1 and media ->> 'url' is not null"))
        {
            command.Parameters.Add(new() { Value = now });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetGuid(0), JsonSerializer.Deserialize<MediaDraft>(reader.GetString(1), CampaignStore.Json)!));
            }
        }

        var refused = new List<CampaignId>();
        foreach (var (id, media) in due)
        {
            if (await preflight.CheckAsync(media, cancellationToken) is not { } error)
            {
                continue;
            }

            refused.Add(new CampaignId(id));
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await CampaignEventStore.AppendWhenReasonChangesAsync(
                connection, id, "media_preflight_failed", error.Message, new { Reason = error.Message }, cancellationToken);
        }

        return refused;
    }

    private async Task<IReadOnlyList<CampaignId>> RunningWithPendingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select c.id from campaigns.campaigns c
             where c.status = 'running'
               and exists (select 1 from campaigns.messages m where m.campaign_id = c.id and m.status = 'pending')
            """);
        var ids = new List<CampaignId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(new CampaignId(reader.GetGuid(0)));
        }

        return ids;
    }
}
