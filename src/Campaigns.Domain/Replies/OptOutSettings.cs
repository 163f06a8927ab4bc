using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Replies;

/// <summary>
/// A tenant's opt-out settings, checked: its own opt-out keywords (added to the defaults; at most
/// <see cref="MaxKeywords"/>, each trimmed, 1 to <see cref="MaxKeywordLength"/> characters with a letter or digit, none
/// a re-subscribe word, duplicates in <see cref="OptOutText"/>'s form dropped) and the replies to an opt-out and to a
/// re-subscribe (null: none; at most <see cref="WhatsAppLimits.TextLength"/> characters). <see cref="None"/> is a
/// tenant that set nothing.
/// </summary>
public sealed record OptOutSettings
{
    /// <summary>The most keywords a tenant may add: 50.</summary>
    public const int MaxKeywords = 50;

    /// <summary>The longest keyword: 40 characters.</summary>
    public const int MaxKeywordLength = 40;

    public const string KeywordsField = "keywords";
    public const string ConfirmationField = "confirmation";
    public const string ResubscribeConfirmationField = "resubscribeConfirmation";

    private OptOutSettings(IReadOnlyList<string> keywords, string? confirmation, string? resubscribeConfirmation)
    {
        Keywords = keywords;
        Confirmation = confirmation;
        ResubscribeConfirmation = resubscribeConfirmation;
    }

    /// <summary>No keywords of its own, no confirmations.</summary>
    public static OptOutSettings None { get; } = new([], null, null);

    /// <summary>The tenant's own opt-out keywords, trimmed, in the order given.</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>The reply to an opt-out; null: none.</summary>
    public string? Confirmation { get; }

    /// <summary>The reply to a re-subscribe; null: none.</summary>
    public string? ResubscribeConfirmation { get; }

    /// <summary>Settings as stored (checked when they were written).</summary>
    public static OptOutSettings FromStored(IReadOnlyList<string> keywords, string? confirmation, string? resubscribeConfirmation) =>
        new(keywords, confirmation, resubscribeConfirmation);

    /// <summary>Checks settings as a request writes them; every problem is named with its field (<c>keywords[2]</c>).</summary>
    /// <param name="words">The words in force besides the tenant's: a keyword may not be one of their re-subscribe words.</param>
    public static Result<OptOutSettings> Create(
        IReadOnlyList<string?>? keywords, string? confirmation, string? resubscribeConfirmation, OptOutKeywords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var errors = new List<Error>();
        var kept = new List<string>();
        keywords ??= [];
        if (keywords.Count > MaxKeywords)
        {
            errors.Add(new Error("opt_out.too_many_keywords", $"At most {MaxKeywords} keywords; {keywords.Count} were given.", KeywordsField));
        }
        else
        {
            var forms = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < keywords.Count; i++)
            {
                var field = $"{KeywordsField}[{i}]";
                var keyword = keywords[i]?.Trim() ?? "";
                if (keyword.Length > MaxKeywordLength)
                {
                    errors.Add(new Error("opt_out.keyword_too_long", $"A keyword has at most {MaxKeywordLength} characters; this one has {keyword.Length}.", field));
                }
                else if (OptOutText.Normalize(keyword).Length == 0)
                {
                    errors.Add(new Error("opt_out.keyword_empty", "A keyword needs a letter or a digit.", field));
                }
                else if (words.IsStart(keyword))
                {
                    errors.Add(new Error("opt_out.keyword_resubscribes", $"'{keyword}' is a re-subscribe word; it cannot also opt out.", field));
                }
                else if (forms.Add(OptOutText.Normalize(keyword)))
                {
                    kept.Add(keyword);
                }
            }
        }

        var confirm = CheckReply(confirmation, ConfirmationField, errors);
        var resubscribe = CheckReply(resubscribeConfirmation, ResubscribeConfirmationField, errors);
        return errors.Count > 0 ? Invalid(errors) : new OptOutSettings(kept, confirm, resubscribe);
    }

    private static string? CheckReply(string? text, string field, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > WhatsAppLimits.TextLength)
        {
            errors.Add(new Error(
                "opt_out.confirmation_too_long", $"A reply has at most {WhatsAppLimits.TextLength:N0} characters; this one has {trimmed.Length:N0}.", field));
        }

        return trimmed;
    }

    /// <summary>Every problem at once: <c>errors</c> maps each field to its messages; the first problem gives the code.</summary>
    private static Error Invalid(List<Error> errors)
    {
        var message = errors.Count == 1 ? errors[0].Message : $"The settings have {errors.Count} problems; each is listed in errors.";
        return new Error(errors.Count == 1 ? errors[0].Code : "opt_out.invalid", message, errors.Count == 1 ? errors[0].Field : null)
        {
            Details = new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(e => e.Field ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            },
        };
    }
}
