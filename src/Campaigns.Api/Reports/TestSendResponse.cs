namespace Campaigns.Api.Reports;

/// <summary>A test send, as accepted: follow its messages at <c>GET /api/campaigns/{campaignId}/tests</c> or in the message log (<c>campaignId</c> = <paramref name="Id"/>).</summary>
/// <param name="Id">The test's own id (a hidden campaign of kind test).</param>
internal sealed record TestSendResponse(Guid Id, DateTimeOffset CreatedAt, IReadOnlyList<TestMessageResponse> Messages);
