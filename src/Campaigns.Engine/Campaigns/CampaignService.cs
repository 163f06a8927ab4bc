using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Database;
using Campaigns.Engine.Media;
using Campaigns.Engine.Precheck;
using Hangfire;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// What the API does with campaigns: create, read, change and delete drafts, preview a template over a list, and ask
/// for a campaign to be prepared (the work itself is <see cref="PrepareCampaignJob"/>'s, in the background).
/// </summary>
internal sealed class CampaignService(
    CampaignStore store,
    CampaignValidator validator,
    PrepareJobs prepareJobs,
    CampaignPreviewer previewer,
    IBackgroundJobClient jobs,
    IClock clock,
    ILogger<CampaignService> logger,
    MediaPreflight preflight)
{
    public async Task<Result<Campaign>> CreateAsync(TenantId tenant, CampaignDraft draft, CancellationToken cancellationToken)
    {
        var valid = await validator.ValidateAsync(tenant, draft, cancellationToken);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var now = clock.Now();
        var campaign = FromValid(valid.Value, CampaignId.New(), tenant, now, now);
        await store.InsertAsync(campaign, cancellationToken);
        CampaignLog.Created(logger, campaign.Id.Value, valid.Value.List.Id.Value);
        return campaign;
    }

    public async Task<Result<Campaign>> FindAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken) =>
        await store.FindAsync(tenant, id, cancellationToken) is { } campaign ? campaign : CampaignErrors.NotFound();

    public Task<IReadOnlyList<Campaign>> ListAsync(
        TenantId tenant, CampaignStatus? status, int limit, CampaignId? after, CancellationToken cancellationToken) =>
        store.ListAsync(tenant, status, limit, after, cancellationToken);

    /// <summary>
    /// Applies <paramref name="patch"/> to the stored draft (fields left out keep their stored values), checks the whole
    /// result again and saves it. A start time in the past is refused only when the patch sets it.
    /// </summary>
    public async Task<Result<Campaign>> UpdateAsync(
        TenantId tenant, CampaignId id, CampaignPatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var current = await store.FindAsync(tenant, id, cancellationToken);
        if (current is null)
        {
            return CampaignErrors.NotFound();
        }

        if (CampaignLifecycle.CheckEditable(id, current.Status) is { } notDraft)
        {
            return notDraft;
        }

        var valid = await validator.ValidateChangeAsync(tenant, current, patch, cancellationToken);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var updated = FromValid(valid.Value, id, tenant, current.CreatedAt, clock.Now());
        if (!await store.UpdateDraftAsync(updated, cancellationToken))
        {
            return await ConflictOrNotFoundAsync(tenant, id, CampaignLifecycle.CheckEditable, cancellationToken);
        }

        return await FindAsync(tenant, id, cancellationToken);
    }

    public async Task<Result<Campaign>> DeleteAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken)
    {
        var current = await store.FindAsync(tenant, id, cancellationToken);
        if (current is null)
        {
            return CampaignErrors.NotFound();
        }

        if (CampaignLifecycle.CheckDeletable(id, current.Status) is { } refused)
        {
            return refused;
        }

        if (!await store.DeleteAsync(tenant, id, cancellationToken))
        {
            return await ConflictOrNotFoundAsync(tenant, id, CampaignLifecycle.CheckDeletable, cancellationToken);
        }

        CampaignLog.Deleted(logger, id.Value);
        return current;
    }

    /// <summary>
    /// Checks the draft again (the list, senders or options may have changed since it was saved), moves it to
    /// preparing and, once that is committed, enqueues its prepare job (<see cref="PrepareJobs"/>). The answer comes at once; the campaign shows its progress while it runs.
    /// </summary>
    public async Task<Result<Campaign>> PrepareAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken)
    {
        var found = await FindForAsync(tenant, id, CampaignTransition.Prepare, cancellationToken);
        if (!found.IsSuccess)
        {
            return found;
        }

        var current = found.Value;
        var valid = await validator.ValidateChangeAsync(tenant, current, CampaignPatch.None, cancellationToken);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        switch (await store.BeginPreparingAsync(tenant, id, valid.Value.List.Id, valid.Value.List.Imported, clock.Now(), cancellationToken))
        {
            case PrepareStart.ListGone:
                return CampaignErrors.Invalid([CampaignErrors.UnknownContactList()]); // deleted since it was checked
            case PrepareStart.Moved:
                return await ConflictOrNotFoundAsync(tenant, id, Refusal(CampaignTransition.Prepare), cancellationToken);
        }

        CampaignLog.PrepareRequested(logger, id.Value, valid.Value.List.Imported);
        try
        {
            await prepareJobs.EnqueueAsync(id, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) // the status is written: the sweeper takes it up
        {
            CampaignLog.PrepareEnqueueFailed(logger, ex, id.Value);
        }

        return await FindAsync(tenant, id, cancellationToken);
    }

    /// <summary>
    /// Takes a preparing or ready campaign back to draft so that its owner can change (or delete) it: a running prepare
    /// stops and stores nothing, a ready campaign's messages are deleted (nothing was sent from either).
    /// </summary>
    public async Task<Result<Campaign>> BackToDraftAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken)
    {
        var found = await FindForAsync(tenant, id, CampaignTransition.BackToDraft, cancellationToken);
        if (!found.IsSuccess)
        {
            return found;
        }

        var current = found.Value;
        if (await store.BackToDraftAsync(tenant, id, current.Status, clock.Now(), cancellationToken) is not { } deleted)
        {
            return await ConflictOrNotFoundAsync(tenant, id, Refusal(CampaignTransition.BackToDraft), cancellationToken);
        }

        CampaignLog.BackToDraft(logger, id.Value, current.Status, deleted);
        return await FindAsync(tenant, id, cancellationToken);
    }

    /// <summary>
    /// Starts a ready campaign: running, or scheduled until its <c>startAt</c> (<see cref="StartDueCampaignsJob"/> begins
    /// it then). Refused when it has no sender or none of its senders can send now, naming each one's reason. A running
    /// campaign's recipients are assigned to its senders at once.
    /// </summary>
    /// <summary>
    /// Starts a ready campaign (running, or scheduled when its start lies ahead): a media campaign's url passes its
    /// pre-flight first (<see cref="MediaPreflight"/>: a failure is a conflict naming <c>media.url</c>, and the campaign
    /// stays ready), then it needs a sender that can send.
    /// </summary>
    public async Task<Result<Campaign>> StartAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken)
    {
        var current = await store.FindAsync(tenant, id, cancellationToken);
        if (current is null)
        {
            return CampaignErrors.NotFound();
        }

        var to = CampaignLifecycle.Start(id, current.Status, current.StartAt, clock.GetCurrentInstant());
        if (!to.IsSuccess)
        {
            return to.Error;
        }

        // A media url that cannot be fetched would fail every send: it is checked before anything moves.
        if (current.Media is { } media && await preflight.CheckAsync(media, cancellationToken) is { } unsendable)
        {
            return unsendable;
        }

        return await MoveWithSendersAsync(current, to.Value, CampaignTransition.Start, cancellationToken);
    }

    /// <summary>Pauses a running or scheduled campaign: dispatch stops claiming its messages (it claims running campaigns' only).</summary>
    public Task<Result<Campaign>> PauseAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken) =>
        MoveAsync(tenant, id, CampaignTransition.Pause, cancellationToken);

    /// <summary>Resumes a paused campaign: running, or scheduled again while its start lies ahead; refused, as at start, when no sender can send.</summary>
    public async Task<Result<Campaign>> ResumeAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken)
    {
        var current = await store.FindAsync(tenant, id, cancellationToken);
        if (current is null)
        {
            return CampaignErrors.NotFound();
        }

        var to = CampaignLifecycle.Resume(id, current.Status, current.StartAt, clock.GetCurrentInstant());
        return to.IsSuccess ? await MoveWithSendersAsync(current, to.Value, CampaignTransition.Resume, cancellationToken) : to.Error;
    }

    /// <summary>
    /// Cancels a campaign that has not ended: its pending and queued messages are cancelled with it; one being sent
    /// stays <c>sending</c> for dispatch to finish or reconcile.
    /// </summary>
    public Task<Result<Campaign>> CancelAsync(TenantId tenant, CampaignId id, CancellationToken cancellationToken) =>
        MoveAsync(tenant, id, CampaignTransition.Cancel, cancellationToken);

    private async Task<Result<Campaign>> MoveAsync(TenantId tenant, CampaignId id, CampaignTransition transition, CancellationToken cancellationToken)
    {
        var found = await FindForAsync(tenant, id, transition, cancellationToken);
        if (!found.IsSuccess)
        {
            return found;
        }

        var from = found.Value.Status;
        var to = CampaignLifecycle.Apply(id, from, transition).Value;
        if (!await store.MoveAsync(tenant, id, from, to, clock.Now(), cancellationToken))
        {
            return await ConflictOrNotFoundAsync(tenant, id, Refusal(transition), cancellationToken);
        }

        AssignLog.Moved(logger, id.Value, to);
        return await FindAsync(tenant, id, cancellationToken);
    }

    /// <summary>Start and resume: the campaign needs a sender that can send; once running, its recipients are assigned.</summary>
    private async Task<Result<Campaign>> MoveWithSendersAsync(
        Campaign current, CampaignStatus to, CampaignTransition transition, CancellationToken cancellationToken)
    {
        var senders = await store.SenderUsabilityAsync(current.Id, cancellationToken);
        if (senders.Count == 0)
        {
            return CampaignErrors.NoSenders(current.Id);
        }

        if (senders.All(s => s.Refusal is not null))
        {
            return CampaignErrors.NoUsableSenders(current.Id, senders.Select(s => (s.Id, s.Refusal!)).ToArray());
        }

        if (!await store.MoveAsync(current.Tenant, current.Id, current.Status, to, clock.Now(), cancellationToken))
        {
            return await ConflictOrNotFoundAsync(current.Tenant, current.Id, Refusal(transition), cancellationToken);
        }

        AssignLog.Moved(logger, current.Id.Value, to);
        if (to == CampaignStatus.Running)
        {
            // A big campaign takes many batches to assign: the request does not wait for them. Should this process die
            // before the job runs, StartDueCampaignsJob (recurring) assigns whatever a running campaign left pending.
            var campaignId = current.Id.Value;
            var assign = jobs.Enqueue<AssignRecipientsJob>(job => job.RunAsync(campaignId, CancellationToken.None));
            // Then its numbers from the cache at once, and the first lookups (the recurring pre-check does the rest).
            jobs.ContinueJobWith<PrecheckJob>(assign, job => job.RunAsync(campaignId, CancellationToken.None));
        }

        return await FindAsync(current.Tenant, current.Id, cancellationToken);
    }

    /// <summary>Plans the list as preparing would (nothing stored) and renders the first contacts' messages, within bounds (<see cref="CampaignPreviewer"/>).</summary>
    public Task<Result<CampaignPreview>> PreviewAsync(TenantId tenant, PreviewDraft draft, CancellationToken cancellationToken) =>
        previewer.PreviewAsync(tenant, draft, cancellationToken);

    public async Task<Result<CampaignMessage[]>> MessagesAsync(
        TenantId tenant, CampaignId id, MessageStatus? status, int limit, string? after, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(tenant, id, cancellationToken) is null)
        {
            return CampaignErrors.NotFound();
        }

        var messages = await store.MessagesAsync(id, status, limit, after, cancellationToken);
        return messages.ToArray();
    }

    internal static Campaign FromValid(ValidCampaign valid, CampaignId id, TenantId tenant, Instant createdAt, Instant updatedAt) => new()
    {
        Id = id,
        Tenant = tenant,
        Name = valid.Name,
        ContactList = valid.List.Id,
        Template = valid.TemplateText,
        Media = valid.Media,
        Senders = valid.Senders,
        SendWindow = valid.SendWindow,
        StartAt = valid.StartAt,
        MaxIdentical = valid.MaxIdentical,
        StopOnReply = valid.StopOnReply,
        Status = CampaignStatus.Draft,
        CreatedAt = createdAt,
        UpdatedAt = updatedAt,
    };

    /// <summary>The campaign, when it exists and <paramref name="transition"/> may move it; otherwise why not.</summary>
    private async Task<Result<Campaign>> FindForAsync(
        TenantId tenant, CampaignId id, CampaignTransition transition, CancellationToken cancellationToken)
    {
        var current = await store.FindAsync(tenant, id, cancellationToken);
        if (current is null)
        {
            return CampaignErrors.NotFound();
        }

        return Refusal(transition)(id, current.Status) is { } refused ? refused : current;
    }

    private static Func<CampaignId, CampaignStatus, Error?> Refusal(CampaignTransition transition) =>
        (id, status) => CampaignLifecycle.Apply(id, status, transition) is { IsSuccess: false } refused ? refused.Error : null;

    /// <summary>A guarded write found nothing to change: the campaign was deleted, or its status moved, meanwhile.</summary>
    private async Task<Result<Campaign>> ConflictOrNotFoundAsync(
        TenantId tenant, CampaignId id, Func<CampaignId, CampaignStatus, Error?> check, CancellationToken cancellationToken)
    {
        var now = await store.FindAsync(tenant, id, cancellationToken);
        if (now is null)
        {
            return CampaignErrors.NotFound();
        }

        return check(id, now.Status) ?? CampaignErrors.NotDraft(id, now.Status, "changed");
    }

    // PostgreSQL keeps microseconds: an answer must equal what a later read returns.
}
