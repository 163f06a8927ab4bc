using System.Text.Json;
using NodaTime;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Something that happened to a campaign that its user should see (<c>campaign_events</c>): <c>failover</c>
/// (detail <c>{from, to, moved, reason}</c>), <c>waiting_for_sender</c>, <c>sender_restricted</c>, …
/// </summary>
internal sealed record CampaignEvent(string Kind, Instant At, JsonElement Detail);
