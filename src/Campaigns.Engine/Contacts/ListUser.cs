using Campaigns.Domain.Campaigns;

namespace Campaigns.Engine.Contacts;

/// <summary>A campaign that keeps its contact list (or one of its senders) from being deleted.</summary>
internal sealed record ListUser(CampaignId Id, string Name, CampaignStatus Status);
