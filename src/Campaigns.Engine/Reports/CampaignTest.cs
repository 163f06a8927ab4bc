using Campaigns.Domain.Campaigns;
using NodaTime;

namespace Campaigns.Engine.Reports;

/// <summary>A test send of a campaign: its hidden child campaign and its messages.</summary>
internal sealed record CampaignTest(CampaignId Id, Instant CreatedAt, IReadOnlyList<TestMessage> Messages);
