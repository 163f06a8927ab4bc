using Campaigns.Api.Campaigns;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Api.Reports;

/// <summary>One test send of a campaign and how its messages fared.</summary>
/// <param name="Status"><c>running</c> while its messages are being sent, then <c>completed</c>.</param>
internal sealed record CampaignTestResponse(Guid Id, DateTimeOffset CreatedAt, CampaignStatus Status, IReadOnlyList<MessageResponse> Messages);
