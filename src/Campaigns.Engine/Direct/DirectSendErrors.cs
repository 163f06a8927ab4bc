using System.Globalization;
using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Direct;

/// <summary>Why a direct send is refused; each names the request field at fault.</summary>
internal static class DirectSendErrors
{
    public const string QueueFullCode = "direct.queue_full";

    public static Error InvalidNumber(string reason) => new("direct.invalid_number", $"The number cannot be used: {reason}.", "number");

    public static Error InvalidRegion(string region) => new(
        "direct.invalid_region", $"'{region}' is not a region a number can be read in: give an ISO 3166 alpha-2 code such as KE or GB.", "defaultRegion");

    public static Error NoContent() => new("direct.no_content", "Give the message's text, or media (with text as its caption).", "text");

    public static Error TextTooLong(int length, int max) => new(
        "direct.text_too_long",
        $"The text is {length.ToString("N0", CultureInfo.InvariantCulture)} characters; WhatsApp takes at most {max.ToString("N0", CultureInfo.InvariantCulture)}" +
        (max == WhatsAppLimits.CaptionLength ? " in a media caption." : "."),
        "text");

    /// <summary>A media problem (<see cref="MediaAttachment.Check"/>), its field already <c>media.*</c>.</summary>
    public static Error Media(Error problem) => problem.Field == "media.caption" ? problem with { Field = "text" } : problem;

    public static Error Suppressed() => new(
        "direct.suppressed", "The number is on the suppression list (or opted out): it is not sent to.", "number", ErrorKind.Conflict);

    public static Error SenderNotFound() => CommonErrors.NotFound("sender") with { Field = "senderId" };

    public static Error SenderUnusable(Guid sender, string reason) => new(
        "direct.sender_unusable",
        $"Sender {sender} cannot send: {reason}. Link, reconnect or resume it (POST /api/senders/{{id}}/check, /resume), or leave senderId out to let one be chosen.",
        "senderId",
        ErrorKind.Conflict);

    /// <summary>None of the tenant's senders can send: each is named with why, as a campaign start names them.</summary>
    public static Error NoUsableSenders(IReadOnlyList<(Guid Id, string Reason)> senders)
    {
        ArgumentNullException.ThrowIfNull(senders);
        return new Error(
            "direct.no_usable_senders",
            senders.Count == 0
                ? "The tenant has no sender: register one (POST /api/senders)."
                : $"None of the tenant's senders can send: {string.Join("; ", senders.Select(s => $"{s.Id}: {s.Reason}"))}. " +
                  "Link, reconnect or resume one (POST /api/senders/{id}/check, /resume).",
            "senderId",
            ErrorKind.Conflict)
        {
            Details = new Dictionary<string, object?>
            {
                ["senders"] = senders.Select(s => new Dictionary<string, object?> { ["id"] = s.Id, ["reason"] = s.Reason }).ToArray(),
            },
        };
    }

    public static Error Identical(int maxIdentical) => new(
        "direct.identical",
        $"This text already went to {maxIdentical.ToString(CultureInfo.InvariantCulture)} other numbers in the last 24 hours, the most the variation rule allows: " +
        "vary it for each recipient, or use a bulk send (POST /api/messages/bulk) with a template.",
        "text",
        ErrorKind.Conflict);

    public static Error QueueFull(Guid sender, int max) => new(
        QueueFullCode,
        $"Sender {sender} already has {max.ToString(CultureInfo.InvariantCulture)} direct sends queued, the most it may: wait for them to go, or send from another sender.",
        "senderId",
        ErrorKind.Conflict);

    public static Error IdempotencyKeyInvalid() => new(
        "direct.idempotency_key_invalid", "The Idempotency-Key header must be 1 to 200 characters.", "Idempotency-Key");

    public static Error IdempotencyConflict() => new(
        "direct.idempotency_conflict",
        "This Idempotency-Key was used for another request (a different number, text, media or sender): use a new key for a new message.",
        "Idempotency-Key",
        ErrorKind.Conflict);
}
