using Campaigns.Domain.Common;
using NodaTime;

namespace Campaigns.Domain.Campaigns;

/// <summary>
/// The campaign state machine: <c>draft → preparing → ready → running ⇄ paused → completed</c>, <c>ready → scheduled →
/// running</c> when its start lies ahead (a scheduled campaign can be paused too, and resumes as scheduled while its start
/// is still ahead), <c>preparing → draft</c>
/// when the variation rule cannot hold, <c>preparing | ready → draft</c> when the owner takes it back to change it
/// (nothing has been sent from either), and <c>cancelled</c> from any state that is not terminal. Pure: the caller
/// stores the new status (guarded by the old one, so that two writers cannot both move it).
/// </summary>
public static class CampaignLifecycle
{
    /// <summary>The status after <paramref name="transition"/>, or a conflict naming the campaign's current status.</summary>
    public static Result<CampaignStatus> Apply(CampaignId id, CampaignStatus from, CampaignTransition transition)
    {
        CampaignStatus? to = (from, transition) switch
        {
            (CampaignStatus.Draft, CampaignTransition.Prepare) => CampaignStatus.Preparing,
            (CampaignStatus.Preparing, CampaignTransition.FinishPreparing) => CampaignStatus.Ready,
            (CampaignStatus.Preparing, CampaignTransition.AbandonPreparing) => CampaignStatus.Draft,
            (CampaignStatus.Preparing or CampaignStatus.Ready, CampaignTransition.BackToDraft) => CampaignStatus.Draft,
            (CampaignStatus.Ready, CampaignTransition.Start) => CampaignStatus.Running,
            (CampaignStatus.Scheduled, CampaignTransition.Begin) => CampaignStatus.Running,
            (CampaignStatus.Running or CampaignStatus.Scheduled, CampaignTransition.Pause) => CampaignStatus.Paused,
            (CampaignStatus.Paused, CampaignTransition.Resume) => CampaignStatus.Running,
            (CampaignStatus.Running, CampaignTransition.Complete) => CampaignStatus.Completed,
            (_, CampaignTransition.Cancel) when !IsTerminal(from) => CampaignStatus.Cancelled,
            _ => null,
        };
        if (to is { } status)
        {
            return status;
        }

        return transition == CampaignTransition.Prepare
            ? CampaignErrors.NotDraft(id, from, "prepared")
            : CampaignErrors.InvalidTransition(id, from, transition);
    }

    /// <summary>
    /// Starts a ready campaign: <c>running</c>, or <c>scheduled</c> when <paramref name="startAt"/> lies after
    /// <paramref name="now"/>.
    /// </summary>
    public static Result<CampaignStatus> Start(CampaignId id, CampaignStatus from, Instant? startAt, Instant now) =>
        WaitForStart(Apply(id, from, CampaignTransition.Start), startAt, now);

    /// <summary>
    /// Resumes a paused campaign: <c>running</c>, or <c>scheduled</c> again when <paramref name="startAt"/> still lies
    /// after <paramref name="now"/>.
    /// </summary>
    public static Result<CampaignStatus> Resume(CampaignId id, CampaignStatus from, Instant? startAt, Instant now) =>
        WaitForStart(Apply(id, from, CampaignTransition.Resume), startAt, now);

    /// <summary>Whether nothing can happen to the campaign any more.</summary>
    public static bool IsTerminal(CampaignStatus status) => status is CampaignStatus.Completed or CampaignStatus.Cancelled;

    /// <summary>Whether the campaign has started and is not finished: it holds its senders (they cannot be deleted).</summary>
    public static bool IsLive(CampaignStatus status) =>
        status is CampaignStatus.Scheduled or CampaignStatus.Running or CampaignStatus.Paused;

    private static Result<CampaignStatus> WaitForStart(Result<CampaignStatus> moved, Instant? startAt, Instant now) =>
        moved.IsSuccess && moved.Value == CampaignStatus.Running && startAt is { } start && start > now
            ? CampaignStatus.Scheduled
            : moved;

    /// <summary>Null when the campaign may be edited: only a draft may.</summary>
    public static Error? CheckEditable(CampaignId id, CampaignStatus status) =>
        status == CampaignStatus.Draft ? null : CampaignErrors.NotDraft(id, status, "changed");

    /// <summary>
    /// Null when the campaign may be deleted: a draft, or a ready campaign, since nothing has been sent from either
    /// (a ready campaign's messages are all pending or skipped). From <c>running</c> on, the campaign and its messages are
    /// the record of what was sent (and the guarantee that nobody gets the campaign twice), so it is cancelled instead,
    /// and a cancelled or completed campaign is kept. While preparing, the prepare job owns it: take it back to draft
    /// first (<see cref="CampaignTransition.BackToDraft"/>).
    /// </summary>
    public static Error? CheckDeletable(CampaignId id, CampaignStatus status) =>
        status is CampaignStatus.Draft or CampaignStatus.Ready ? null : CampaignErrors.NotDeletable(id, status);
}
