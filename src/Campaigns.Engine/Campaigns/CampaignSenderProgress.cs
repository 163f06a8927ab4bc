using Campaigns.Domain.Senders;
using NodaTime;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// One sender of a campaign now: its queued messages of this campaign, its number's sends and cap on its local today,
/// its number's next send (null: nothing planned), and why it is paused (null: it is not).
/// </summary>
internal sealed record CampaignSenderProgress(
    SenderId Id, string Name, int Queued, int SentToday, int CapToday, Instant? NextSendAt, string? PausedReason);
