using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>One recipient's message.</summary>
/// <param name="Line">The contact's line in the imported file.</param>
/// <param name="Body">The text as it is sent; null when skipped at preparing.</param>
/// <param name="BodyHash">SHA-256 of the normalised text, in hex: what the variation rule counts.</param>
internal sealed record MessageResponse(string Phone, int Line, MessageStatus Status, string? Body, string? BodyHash, string? SkipCode, string? SkipReason)
{
    public static MessageResponse From(CampaignMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(
            message.Phone, message.Line, message.Status, message.Body,
            message.BodyHash is null ? null : Convert.ToHexStringLower(message.BodyHash), message.SkipCode, message.SkipReason);
    }
}
