using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Previews a template over a list while the user waits: plans the list as preparing would (<see cref="ListPlan"/>,
/// the same loop), nothing stored, and renders the first contacts' messages. Its work is bounded: at most
/// <see cref="PreviewOptions.MaxRows"/> contacts (the rest is not read), at most <see cref="PreviewOptions.TimeBudget"/>
/// (then it answers with the contacts planned so far), and it stops at once when the request is aborted. The answer
/// says which (<see cref="PreviewCoverage"/>).
/// </summary>
internal sealed class CampaignPreviewer(
    CampaignValidator validator,
    CampaignStore store,
    NpgsqlDataSource dataSource,
    IOptions<PreviewOptions> options,
    PreviewActivity activity,
    TimeProvider time,
    ILogger<CampaignPreviewer> logger)
{
    /// <param name="cancellationToken">The request's: when it is aborted, planning stops and this throws.</param>
    public async Task<Result<CampaignPreview>> PreviewAsync(TenantId tenant, PreviewDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var valid = await validator.ValidatePreviewAsync(tenant, draft, cancellationToken);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var (list, template, maxIdentical) = valid.Value;
        var seed = list.Id.Value;
        if (draft.CampaignId is { } campaignId)
        {
            if (await store.FindAsync(tenant, new CampaignId(campaignId), cancellationToken) is null)
            {
                return CampaignErrors.Invalid([CampaignErrors.UnknownCampaign()]);
            }

            seed = campaignId;
        }

        var count = Math.Clamp(draft.Count ?? PreviewDraft.DefaultCount, 1, PreviewDraft.MaxCount);
        var messages = new List<PreviewMessage>(count);
        var budget = options.Value.TimeBudget;
        var maxRows = options.Value.MaxRows;
        PreviewStop? stoppedBy = list.Imported > maxRows ? PreviewStop.MaxRows : null;
        var plan = new ListPlan(template, seed, maxIdentical);
        using (activity.Enter())
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var started = time.GetTimestamp();
            await foreach (var recipient in plan.PlanAsync(connection, tenant, list.Id, maxRows, cancellationToken))
            {
                if (messages.Count < count)
                {
                    var planned = recipient.Planned;
                    messages.Add(new PreviewMessage(recipient.Phone, recipient.Line, planned.Status, planned.Message?.Text, planned.Reason));
                }

                if (time.GetElapsedTime(started) > budget)
                {
                    stoppedBy = PreviewStop.TimeBudget;
                    break;
                }
            }
        }

        if (plan.Failure is { } failure)
        {
            // What preparing would meet too: the template is invalid as a whole.
            return CampaignErrors.Invalid([CampaignValidator.ToRequestField(failure)]);
        }

        if (stoppedBy is { } stop)
        {
            CampaignLog.PreviewStopped(logger, list.Id.Value, plan.Examined, list.Imported, stop);
        }

        var variationError = plan.VariationError is { } error ? CampaignValidator.ToRequestField(error) : null;
        var coverage = new PreviewCoverage(plan.Examined < list.Imported, plan.Examined, list.Imported, stoppedBy);
        return new CampaignPreview(messages, template.Referenced, list.PhoneColumn, plan.Result, variationError, coverage);
    }
}
