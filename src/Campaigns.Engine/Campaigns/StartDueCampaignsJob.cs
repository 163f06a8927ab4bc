using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Jobs;
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
/// </summary>
internal sealed class StartDueCampaignsJob(
    CampaignStore campaigns, AssignRecipientsJob assign, NpgsqlDataSource dataSource, IClock clock, ILogger<StartDueCampaignsJob> logger)
{
    [JobDisplayName("Start due campaigns, assign pending recipients")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // it runs again at its next occurrence
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var begun = await campaigns.BeginDueAsync(clock.GetCurrentInstant(), cancellationToken);
        if (begun.Count > 0)
        {
            AssignLog.BeganDue(logger, begun.Count);
        }

        foreach (var id in await RunningWithPendingAsync(cancellationToken))
        {
            await assign.RunAsync(id.Value, cancellationToken);
        }
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
