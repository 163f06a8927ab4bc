using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Templates;

/// <summary>
/// A checked, compiled message template over one contact list: immutable and safe to share between threads.
/// Render it with a <c>MessageRenderer</c> (one per thread); prepare a campaign with a <c>VariationPlanner</c>.
/// </summary>
internal sealed class MessageTemplate
{
    internal MessageTemplate(
        TemplatePart body,
        MediaAttachment? media,
        TemplateVariables variables,
        ScriptAnalysis analysis,
        ShortenerDetector shorteners,
        TemplateOptions options)
    {
        Body = body;
        Media = media;
        Variables = variables;
        Referenced = analysis.Referenced;
        VariantCount = analysis.ChoiceProduct;
        VariantCountIsUpperBound = analysis.ChoiceProductIsUpperBound;
        Shorteners = shorteners;
        Options = options;
    }

    /// <summary>The text message, or the media's caption (an empty template when the media has none).</summary>
    public TemplatePart Body { get; }

    /// <summary>The media of a media message; null for a text message.</summary>
    public MediaAttachment? Media { get; }

    public TemplateVariables Variables { get; }

    /// <summary>The variables the template reads; only these are given to a render.</summary>
    public IReadOnlyList<TemplateVariable> Referenced { get; }

    /// <summary>Whether the text depends on the recipient's data (any column, or the phone number).</summary>
    public bool UsesRecipientData => Referenced.Count > 0;

    /// <summary>How many bodies the template's choices (spintax groups and <c>pick</c>) can make for one recipient.</summary>
    public long VariantCount { get; }

    /// <summary>Whether <see cref="VariantCount"/> is certain to be no less than the real number (no choice in a loop, no <c>pick</c> over unwritten values).</summary>
    public bool VariantCountIsUpperBound { get; }

    public ShortenerDetector Shorteners { get; }

    public TemplateOptions Options { get; }

    /// <summary>
    /// The content-variation check that needs no rendering: an error when the template reads no recipient data and its
    /// choices cannot make enough bodies for <paramref name="recipients"/>; null otherwise (preparing decides).
    /// </summary>
    public Error? CheckVariation(long recipients, int maxIdentical) =>
        VariationRule.CheckBeforeRendering(recipients, maxIdentical, VariantCount, VariantCountIsUpperBound, UsesRecipientData);
}
