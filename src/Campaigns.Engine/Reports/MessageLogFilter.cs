using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Senders;

namespace Campaigns.Engine.Reports;

/// <summary>What the tenant-wide message log shows: every filter is optional (null: any).</summary>
internal sealed record MessageLogFilter(MessageStatus? Status, SenderId? Sender, CampaignId? Campaign);
