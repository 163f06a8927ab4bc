using Campaigns.Domain.Common;

namespace Campaigns.Engine.BulkSends;

/// <summary>The ways a bulk send's request can be wrong beyond a campaign's own checks; each names the request field.</summary>
internal static class BulkSendErrors
{
    public const string RecipientsField = "recipients";
    public const string TextField = "text";
    public const string TemplateField = "template";
    public const string DelayField = "delay";

    /// <summary>The longest field name a recipient may use: 100 characters.</summary>
    public const int MaxFieldNameLength = 100;

    public static Error RecipientsRequired() => new(
        "bulk.recipients_required", "Name at least one recipient: recipients is [{\"number\": \"+254712345678\"}, …].", RecipientsField);

    public static Error TooManyRecipients(int count, int limit) => new(
        "bulk.too_many_recipients",
        $"The request names {count:N0} recipients; at most {limit:N0} are accepted in one bulk send. Split it, or import a contact list and make a campaign.",
        RecipientsField)
    {
        Details = new Dictionary<string, object?> { ["maxRecipients"] = limit, ["recipients"] = count },
    };

    public static Error TextAndTemplate() => new(
        "bulk.text_and_template", "Give either text (sent as written) or template (with the recipients' fields), not both.", TextField);

    public static Error MessageRequired() => new(
        "bulk.message_required", "Give the message: text (sent as written) or template (with the recipients' fields), or media.", TextField);

    public static Error CaptionTwice(string field) => new(
        "bulk.caption_twice", $"With media, {field} is its caption: leave media.caption out.", "media.caption");

    public static Error DelayOutOfRange(int delay) => new(
        "bulk.delay_out_of_range", $"delay is {delay} seconds; it must be between 1 and 3600.", DelayField);

    public static Error InvalidFieldName(int index, string name) => new(
        "bulk.invalid_field_name",
        string.IsNullOrWhiteSpace(name)
            ? "A field name cannot be blank."
            : $"The field name '{name[..Math.Min(name.Length, 40)]}…' is longer than {MaxFieldNameLength} characters.",
        $"recipients[{index}].fields");

    public static Error ReservedFieldName(int index, string name) => new(
        "bulk.reserved_field_name",
        $"'{name}' is the recipient's number: give it as number, not as a field.",
        $"recipients[{index}].fields");

    public static Error TooManyFields(int index, int limit) => new(
        "bulk.too_many_fields", $"The recipients use more than {limit} distinct field names.", $"recipients[{index}].fields");

    public static Error InvalidIdempotencyKey() => new(
        "bulk.invalid_idempotency_key", "The Idempotency-Key header must be 1 to 200 characters long.", "Idempotency-Key");

    /// <summary>The key made a bulk send with another body: one key, one request (as a direct send's <c>direct.idempotency_conflict</c>).</summary>
    public static Error IdempotencyConflict() => new(
        "bulk.idempotency_conflict",
        "This Idempotency-Key was used for a bulk send with another body (recipients, text, senders…): use a new key for a new bulk send.",
        "Idempotency-Key",
        ErrorKind.Conflict);

    /// <summary>The key made something else (a direct send): one key, one request.</summary>
    public static Error IdempotencyKeyInUse() => new(
        "bulk.idempotency_key_in_use",
        "This Idempotency-Key was used for another kind of request (a direct send): use a new key for this bulk send.",
        "Idempotency-Key",
        ErrorKind.Conflict);
}
