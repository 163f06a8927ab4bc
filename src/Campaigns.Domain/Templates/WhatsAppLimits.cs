namespace Campaigns.Domain.Templates;

/// <summary>
/// The longest texts WhatsApp accepts. Lengths are counted in UTF-16 code units (what <see cref="string.Length"/> and a
/// browser's <c>String.length</c> count), which is never less than the number of characters a person sees, so a text
/// that passes here is not refused for length by the gateway.
/// </summary>
public static class WhatsAppLimits
{
    /// <summary>The longest text message body: 4,096.</summary>
    public const int TextLength = 4096;

    /// <summary>The longest caption of an image, video or document: 1,024.</summary>
    public const int CaptionLength = 1024;
}
