using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Jobs;
using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Campaigns.Engine.BulkSends;

/// <summary>
/// Starts bulk sends once prepared: a ready campaign whose origin is <c>bulk</c> is started as <c>POST
/// /api/campaigns/{id}/start</c> starts one (<see cref="CampaignService.StartAsync"/>: the media pre-flight, a sender
/// that can send; running, or scheduled until its start). The prepare job enqueues <see cref="RunAsync"/> when such a
/// campaign becomes ready, and <see cref="StartDueCampaignsJob"/> calls <see cref="StartReadyAsync"/> every minute, so a
/// start refused for now (every sender disconnected) or lost with its process is tried again; a refusal is recorded once
/// per reason as a <c>bulk_start_refused</c> event of the campaign.
/// </summary>
internal sealed class BulkStarter(NpgsqlDataSource dataSource, CampaignService campaigns, ILogger<BulkStarter> logger)
{
    /// <param name="cancellationToken">The server's shutdown token, substituted when the job runs (enqueue with <c>None</c>).</param>
    [JobDisplayName("Start bulk send {0}")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // start-due-campaigns tries again every minute
    public async Task RunAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select tenant_id from campaigns.campaigns where id = $1 and status = 'ready' and origin = '{BulkSendService.Origin}'");
        command.Parameters.Add(new() { Value = campaignId });
        if (await command.ExecuteScalarAsync(cancellationToken) is Guid tenant)
        {
            await StartAsync(new TenantId(tenant), new CampaignId(campaignId), cancellationToken);
        }
    }

    /// <summary>Starts every ready bulk send (each as <see cref="RunAsync"/>).</summary>
    public async Task StartReadyAsync(CancellationToken cancellationToken)
    {
        var ready = new List<(TenantId Tenant, CampaignId Id)>();
        await using (var command = dataSource.CreateCommand(
            $"select tenant_id, id from campaigns.campaigns where status = 'ready' and origin = '{BulkSendService.Origin}' order by created_at"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ready.Add((new TenantId(reader.GetGuid(0)), new CampaignId(reader.GetGuid(1))));
            }
        }

        foreach (var (tenant, id) in ready)
        {
            try
            {
                await StartAsync(tenant, id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException) // one campaign's failure does not hold the others
            {
                BulkSendLog.StartFailed(logger, ex, id.Value);
            }
        }
    }

    private async Task StartAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken)
    {
        var started = await campaigns.StartAsync(tenant, id, cancellationToken);
        if (started.IsSuccess)
        {
            BulkSendLog.Started(logger, id.Value, started.Value.Status);
            return;
        }

        var error = started.Error;
        if (error.Code == "campaign.invalid_transition")
        {
            return; // started (or taken back to draft) meanwhile
        }

        BulkSendLog.StartRefused(logger, id.Value, error.Code, error.Message);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await CampaignEventStore.AppendWhenReasonChangesAsync(
            connection, id.Value, "bulk_start_refused", error.Message, new { error.Code, Reason = error.Message }, cancellationToken);
    }
}
