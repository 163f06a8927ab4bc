using Campaigns.Domain.Campaigns;

namespace Campaigns.Engine.Campaigns;

/// <summary>One recipient's message of a campaign.</summary>
/// <param name="Line">The contact's line in the imported file.</param>
/// <param name="Body">The text as it is sent; null when skipped at preparing.</param>
/// <param name="BodyHash">SHA-256 of the normalised body, what the variation rule counts; null when skipped.</param>
/// <param name="SkipCode">Why it is skipped, as a code (<c>render.empty</c>, <c>recipient.suppressed</c>…).</param>
internal sealed record CampaignMessage(
    string Phone, int Line, MessageStatus Status, string? Body, byte[]? BodyHash, string? SkipCode, string? SkipReason);
