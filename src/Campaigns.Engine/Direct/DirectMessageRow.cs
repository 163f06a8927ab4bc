namespace Campaigns.Engine.Direct;

/// <summary>What an earlier direct send under the same idempotency key asked for, to compare a repeated request with.</summary>
internal sealed record DirectMessageRow(string Phone, Guid? Sender, string Body, string? MediaJson);
