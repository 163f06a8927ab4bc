using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Contacts;

namespace Campaigns.Engine.Reports;

/// <summary>What "retry failed" made: a list of the recipients not reached, and a draft campaign over it.</summary>
internal sealed record RetryDraft(CampaignId Campaign, ContactListId ContactList, int Recipients);
