using Campaigns.Api.Senders;

namespace Campaigns.Api.Reports;

/// <summary>A sender's rate-limit state now.</summary>
/// <param name="State">Its connection state (<c>open</c>, <c>connecting</c>, <c>close</c>…).</param>
/// <param name="SentToday">Sends its number counted on its local today (the number's budget, shared by every campaign).</param>
/// <param name="CapToday">Its number's cap for that day.</param>
/// <param name="NextSendAt">The earliest its number may send next; null when nothing is planned.</param>
/// <param name="PausedReason">Why it is paused; null when it is not.</param>
/// <param name="Restriction">A restriction in force (a reach-out timelock); null when none.</param>
internal sealed record SenderStatsResponse(
    Guid SenderId,
    string Name,
    string State,
    int SentToday,
    int CapToday,
    DateTimeOffset? NextSendAt,
    string? PausedReason,
    SenderRestrictionResponse? Restriction);
