namespace Campaigns.Api.Reports;

/// <summary>What "retry failed" made: a draft campaign over a new list of the recipients not reached.</summary>
/// <param name="CampaignId">The new draft: prepare and start it like any other.</param>
/// <param name="ContactListId">The new list, with the recipients' original columns.</param>
/// <param name="Recipients">How many recipients it holds.</param>
internal sealed record RetryResponse(Guid CampaignId, Guid ContactListId, int Recipients);
