namespace Campaigns.Api.Reports;

/// <summary>Numbers to send a campaign's message to now, as a test: 1 to 5, written as in a contact list.</summary>
internal sealed record TestSendRequest(IReadOnlyList<string?>? Numbers);
