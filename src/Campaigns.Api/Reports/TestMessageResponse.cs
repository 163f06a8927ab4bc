namespace Campaigns.Api.Reports;

/// <summary>A test message as queued: the number (E.164) and the sender it goes from.</summary>
internal sealed record TestMessageResponse(string Phone, Guid SenderId);
