using Campaigns.Domain.Campaigns;
using NodaTime;

namespace Campaigns.Engine.Reports;

/// <summary>
/// Where a page of the tenant-wide message log ends: the log runs newest campaign first (<c>created_at</c>, then id,
/// both descending: the <c>campaigns_tenant</c> index), and within a campaign by phone (the messages' primary key).
/// </summary>
internal sealed record MessageLogKey(Instant CampaignCreatedAt, CampaignId Campaign, string Phone);
