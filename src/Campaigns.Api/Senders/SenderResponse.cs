using Campaigns.Domain.Pacing;
using Campaigns.Engine.Senders;
using NodaTime.Text;

namespace Campaigns.Api.Senders;

/// <summary>A sender. The instance key and the webhook URL (which holds a secret) are deliberately never returned.</summary>
/// <param name="SentToday">Sends counted on the sender's local day so far.</param>
/// <param name="CapToday">Today's cap: drawn for the day in [dailyCapMin, dailyCapMax], lower while the number warms up.</param>
/// <param name="NextSendAt">The earliest moment of its next send; null when nothing is planned.</param>
/// <param name="Paused">Why and since when it is paused (by its user, or by dispatch after failures); null when it is not.</param>
/// <param name="ConsecutiveFailures">Sends failed in a row; dispatch pauses the sender after too many.</param>
/// <param name="Pacing">The pacing in force: <c>spread</c> (the default) or <c>floor</c> (opt-in), and its caps.</param>
/// <param name="LastSentAt">When its number's last send left; null when it never sent.</param>
/// <param name="WarmUpFrom">The day its number's warm-up ramp restarted (after idleness or a restriction); null: never.</param>
/// <param name="Idle">No send for 7 days (<c>Pacing:IdleFlagAfter</c>); one that never sent counts from its registration.</param>
/// <param name="Restriction">A restriction in force (a reach-out timelock): first contacts wait until it ends; null when none.</param>
internal sealed record SenderResponse(
    Guid Id,
    string Name,
    string GatewayUrl,
    string Instance,
    Guid? GatewayId,
    string? Phone,
    string State,
    string? StateReason,
    DateTimeOffset StateChangedAt,
    string TimeZone,
    string ActivatedOn,
    int DailyCapMin,
    int DailyCapMax,
    int MinIntervalMs,
    int JitterMinMs,
    int JitterMaxMs,
    int SentToday,
    int CapToday,
    DateTimeOffset? NextSendAt,
    DateTimeOffset CreatedAt,
    SenderPauseResponse? Paused,
    int ConsecutiveFailures,
    SenderPacingResponse Pacing,
    DateTimeOffset? LastSentAt,
    string? WarmUpFrom,
    bool Idle,
    SenderRestrictionResponse? Restriction)
{
    public static SenderResponse From(Sender sender, SenderToday today)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(today);
        var s = sender.Settings;
        return new(
            sender.Id.Value, sender.Name, sender.GatewayUrl.AbsoluteUri, sender.Instance, sender.GatewayId?.Value, sender.Phone,
            StateName(sender.State), sender.StateReason, sender.StateChangedAt.ToDateTimeOffset(), s.TimeZone.Id,
            LocalDatePattern.Iso.Format(s.ActivatedOn), s.DailyCapMin, s.DailyCapMax, (int)s.MinInterval.TotalMilliseconds,
            (int)s.JitterMin.TotalMilliseconds, (int)s.JitterMax.TotalMilliseconds, today.Sent, today.Cap,
            today.NextSendAt?.ToDateTimeOffset(), sender.CreatedAt.ToDateTimeOffset(),
            sender.Pause is { } pause ? new SenderPauseResponse(pause.Reason, pause.At.ToDateTimeOffset()) : null,
            sender.ConsecutiveFailures,
            new SenderPacingResponse(SenderPacing.ProfileName(sender.Pacing.Profile), sender.Pacing.MaxPerMinute, sender.Pacing.MaxPerHour),
            today.LastSentAt?.ToDateTimeOffset(),
            today.WarmUpFrom is { } from ? LocalDatePattern.Iso.Format(from) : null,
            today.Idle,
            sender.Restriction is { } r ? new SenderRestrictionResponse(r.Kind, r.Until.ToDateTimeOffset(), r.Since.ToDateTimeOffset()) : null)
        {
            Typing = sender.Typing,
        };
    }

    /// <summary>Whether its sends simulate typing (the gateway's <c>delay</c>, from the body's length, inside the gap).</summary>
    public required bool Typing { get; init; }

    public static string StateName(SenderState state) => state.ToString().ToLowerInvariant();
}
