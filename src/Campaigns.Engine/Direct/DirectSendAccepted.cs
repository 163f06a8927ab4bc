namespace Campaigns.Engine.Direct;

/// <summary>A direct send taken: the message, and whether it was made earlier under the same idempotency key.</summary>
internal sealed record DirectSendAccepted(DirectMessage Message, bool Replayed);
