using Campaigns.Domain.Common;

namespace Campaigns.Domain.Templates;

/// <summary>
/// The ways a template, its media or one recipient's message can be wrong. Errors about a place in a template carry
/// <c>line</c> and <c>column</c> (from 1) in <see cref="Error.Details"/> and name the field (<c>text</c> or
/// <c>media.caption</c>) in <see cref="Error.Field"/>. Messages never quote a recipient's data.
/// </summary>
public static class TemplateErrors
{
    /// <summary>The field of a text message's template.</summary>
    public const string TextField = "text";

    /// <summary>The field of a media message's caption template.</summary>
    public const string CaptionField = "media.caption";

    /// <summary>All the problems of a template at once, for one problem details answer; each is in <c>errors</c>.</summary>
    public static Error Invalid(IReadOnlyList<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        var message = errors.Count == 1
            ? $"The template has a problem: {errors[0].Message}"
            : $"The template has {errors.Count} problems; each is listed in errors.";
        return new Error("template.invalid", message, errors.Count == 1 ? errors[0].Field : null)
        {
            Details = new Dictionary<string, object?> { ["errors"] = errors.Select(Describe).ToArray() },
        };
    }

    /// <summary>An error as a flat dictionary (code, message, field, then its details), the shape problem details carry.</summary>
    public static IReadOnlyDictionary<string, object?> Describe(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var entry = new Dictionary<string, object?> { ["code"] = error.Code, ["message"] = error.Message };
        if (error.Field is not null)
        {
            entry["field"] = error.Field;
        }

        foreach (var (key, value) in error.Details)
        {
            entry[key] = value;
        }

        return entry;
    }

    public static Error Empty(string field) => new(
        "template.empty", field == CaptionField
            ? "The caption is empty: write a caption, or leave it out."
            : "The template is empty: write the text of the message.", field);

    public static Error TextWithMedia() => new(
        "template.text_with_media",
        "A media message has no separate text: put the text in media.caption.", TextField);

    public static Error SourceTooLong(string field, int length, int limit) => new(
        "template.source_too_long",
        $"The template is {length:N0} characters long; templates may be at most {limit:N0}.", field)
    {
        Details = new Dictionary<string, object?> { ["length"] = length, ["limit"] = limit },
    };

    public static Error Syntax(string field, TextLocation at, string message) =>
        At("template.syntax", $"Syntax error at {at}: {message}", field, at);

    public static Error SpintaxUnclosed(string field, TextLocation at) => At(
        "template.spintax_unclosed",
        $"The '{{' at {at} opens a group of choices that is never closed with '}}'. Write \\{{ for a literal brace.",
        field, at);

    public static Error SpintaxUnexpectedClose(string field, TextLocation at) => At(
        "template.spintax_unexpected_close",
        $"The '}}' at {at} closes no group of choices. Write \\}} for a literal brace.", field, at);

    public static Error SpintaxSingleOption(string field, TextLocation at, string? variable) => At(
        "template.spintax_single_option",
        variable is null
            ? $"The group at {at} has a single option: a group offers choices separated by '|', such as {{Hi|Hello}}. Write \\{{ and \\}} for literal braces."
            : $"The group at {at} has a single option: to insert the column write {{{{ {variable} }}}}; a group offers choices separated by '|', such as {{Hi|Hello}}.",
        field, at);

    public static Error SpintaxTooDeep(string field, TextLocation at, int maxDepth) => At(
        "template.spintax_too_deep",
        $"The group at {at} is nested more than {maxDepth} deep: write the choices flatter.", field, at);

    public static Error UnknownVariable(string field, TextLocation at, string name, string? suggestion, string? column)
    {
        var hint = suggestion is null
            ? "the list has no columns to use"
            : column is null || column == suggestion
                ? $"did you mean '{suggestion}'?"
                : $"did you mean '{suggestion}' (the column '{column}')?";
        return At(
            "template.unknown_variable",
            $"'{name}' at {at} is not a column of the contact list: {hint}",
            field, at, ("variable", name), ("suggestion", suggestion), ("suggestedColumn", column));
    }

    public static Error FunctionNotAllowed(string field, TextLocation at, string name) => At(
        "template.function_not_allowed",
        $"'{name}' at {at} is not available in message templates: templates cannot read files, evaluate text as code, or use the clock or randomness (use pick or {{a|b}} for variety).",
        field, at, ("function", name));

    /// <summary>A call of a function that a built-in object does not have, such as <c>string.uppercase</c>.</summary>
    /// <param name="suggestion">The object's function with the nearest name, or null when it has none.</param>
    public static Error UnknownFunction(string field, TextLocation at, string builtin, string name, string? suggestion) => At(
        "template.unknown_function",
        suggestion is null
            ? $"'{builtin}.{name}' at {at} is not a function of '{builtin}'."
            : $"'{builtin}.{name}' at {at} is not a function of '{builtin}': did you mean '{builtin}.{suggestion}'?",
        field, at, ("function", $"{builtin}.{name}"), ("suggestion", suggestion is null ? null : $"{builtin}.{suggestion}"));

    public static Error ReservedName(string field, TextLocation at, string name) => At(
        "template.reserved_name",
        $"'{name}' at {at} is reserved: names starting with two underscores are used by the template engine.",
        field, at, ("variable", name));

    public static Error Shortener(string field, TextLocation at, string host) => At(
        "template.shortener",
        $"The link to '{host}' at {at} goes through a URL shortener, which WhatsApp treats as a sign of spam: use the full address.",
        field, at, ("host", host));

    public static Error TooLong(string field, int minimumLength, int limit) => new(
        "template.too_long",
        $"The {(field == CaptionField ? "caption" : "text")} is at least {minimumLength:N0} characters long before any variable is filled in; WhatsApp accepts at most {limit:N0}.",
        field)
    {
        Details = new Dictionary<string, object?> { ["length"] = minimumLength, ["limit"] = limit },
    };

    /// <summary>
    /// The variation rule cannot hold: <paramref name="needed"/> distinct bodies are needed so that none goes to more
    /// than <paramref name="maxIdentical"/> recipients, and the template can make only <paramref name="possible"/>.
    /// </summary>
    /// <param name="recipients">The recipients the shortfall concerns (those sharing the same personal fields).</param>
    /// <param name="overLimit">Recipients for whom no body under the limit was left; 0 for a check made before rendering.</param>
    public static Error VariationUnreachable(long recipients, long needed, long possible, int maxIdentical, long overLimit) => new(
        "template.variation_unreachable",
        $"No message text may go to more than {maxIdentical} recipients, so {recipients:N0} recipients with the same personal fields need at least {needed:N0} distinct texts, "
        + $"but the template can make only {possible:N0}{(overLimit > 0 ? $" ({overLimit:N0} recipients were left without a text of their own)" : "")}. "
        + "Add variants, such as {Hi|Hello|Hey} or {{ pick [\"Thanks\", \"Cheers\"] }}, or a personal field such as {{ first_name }}.",
        TextField)
    {
        Details = new Dictionary<string, object?>
        {
            ["recipients"] = recipients,
            ["neededBodies"] = needed,
            ["possibleBodies"] = possible,
            ["maxIdentical"] = maxIdentical,
            ["overLimit"] = overLimit,
        },
    };

    /// <summary>The code of <see cref="LimitExceeded"/>.</summary>
    public const string LimitExceededCode = "template.limit_exceeded";

    /// <summary>
    /// A render reached one of the template's limits (loop iterations, recursion, output size, choices, a regular
    /// expression's match timeout): the template is invalid as a whole, whoever the recipient, so that what is
    /// prepared never depends on which recipients happened to hit it.
    /// </summary>
    /// <param name="reason">What the template did past the limit, naming the setting.</param>
    public static Error LimitExceeded(string field, TextLocation at, string reason) => At(
        LimitExceededCode,
        $"The template was stopped at {at}: {reason}. Write it so that it does less work.", field, at, ("reason", reason));

    /// <summary><paramref name="error"/> as met rendering the contact on <paramref name="contactLine"/> of the list's file.</summary>
    public static Error ForContact(Error error, int contactLine)
    {
        ArgumentNullException.ThrowIfNull(error);
        var details = new Dictionary<string, object?>(error.Details) { ["contactLine"] = contactLine };
        return error with { Message = $"{error.Message} (Met with the contact on line {contactLine:N0} of the list.)", Details = details };
    }

    /// <summary>A regular expression written in the template that cannot run: bad syntax, or a construct that needs backtracking.</summary>
    public static Error RegexInvalid(string field, TextLocation at, string reason) => At(
        "template.regex_invalid",
        $"The regular expression at {at} cannot be used: {reason} Message templates run regular expressions without backtracking, so backreferences, lookarounds and atomic groups are not available.",
        field, at, ("reason", reason));

    // Per-recipient failures: the recipient is skipped with the reason, the campaign goes on.
    public static Error RenderFailed(string field, TextLocation at, string message) =>
        At("render.failed", $"The template failed at {at}: {message}", field, at);


    public static Error RenderedEmpty(string field) => new(
        "render.empty", "The message came out empty for this recipient.", field);

    public static Error RenderedTooLong(string field, int length, int limit) => new(
        "render.too_long",
        $"The message came out {length:N0} characters long for this recipient; WhatsApp accepts at most {limit:N0}.", field)
    {
        Details = new Dictionary<string, object?> { ["length"] = length, ["limit"] = limit },
    };

    public static Error RenderedShortener(string field, string host) => new(
        "render.shortener",
        $"The message links to '{host}', a URL shortener, for this recipient (from the contact's fields).", field)
    {
        Details = new Dictionary<string, object?> { ["host"] = host },
    };

    private static Error At(string code, string message, string field, TextLocation at, params (string Key, object? Value)[] details)
    {
        var all = new Dictionary<string, object?> { ["line"] = at.Line, ["column"] = at.Column };
        foreach (var (key, value) in details)
        {
            all[key] = value;
        }

        return new Error(code, message, field) { Details = all };
    }
}
