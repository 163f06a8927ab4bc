namespace Campaigns.Engine.Reports;

/// <summary>One message of a test send, as queued: the number and the sender it goes from.</summary>
internal sealed record TestMessage(string Phone, Guid SenderId);
