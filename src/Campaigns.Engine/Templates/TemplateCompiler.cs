using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Parsing;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Checks and compiles message templates. <see cref="Validate"/> and <see cref="Compile"/> report every problem at
/// once: spintax and syntax errors with line and column in the template as written, each variable that is not a
/// column of the list (with the closest column suggested), functions that are not allowed, links through URL
/// shorteners, text too long for WhatsApp whatever the variables hold, an empty template, and every problem of the
/// media; then one render with every variable empty finds a template that reaches a limit whatever the data.
/// Thread-safe.
/// </summary>
/// <param name="media">The media limits (<c>Media:MaxBase64Bytes</c>); null: the defaults.</param>
internal sealed class TemplateCompiler(IOptions<TemplateOptions> options, IOptions<Media.MediaOptions>? media = null)
{
    private readonly TemplateOptions _options = options.Value;
    private readonly int _maxBase64Bytes = media?.Value.MaxBase64Bytes ?? MediaAttachment.DefaultMaxBase64Bytes;
    private readonly ShortenerDetector _shorteners = new(options.Value.ExtraShorteners);

    /// <summary>Every problem of <paramref name="draft"/> over the list's <paramref name="variables"/>; empty when it is good.</summary>
    public IReadOnlyList<Error> Validate(TemplateDraft draft, TemplateVariables variables) =>
        TryCompile(draft, variables, out var problems) is null ? problems : [];

    /// <summary>
    /// The compiled template, or null with every problem in <paramref name="problems"/>: one compile (and one probe
    /// render) for a caller that needs both the verdict and the template.
    /// </summary>
    public MessageTemplate? TryCompile(TemplateDraft draft, TemplateVariables variables, out IReadOnlyList<Error> problems)
    {
        var template = CompileCore(draft, variables, out var errors);
        problems = errors;
        return template;
    }

    /// <summary>The compiled template, or <see cref="TemplateErrors.Invalid"/> listing every problem.</summary>
    public Result<MessageTemplate> Compile(TemplateDraft draft, TemplateVariables variables)
    {
        var template = CompileCore(draft, variables, out var errors);
        return template is null ? TemplateErrors.Invalid(errors) : template;
    }

    private MessageTemplate? CompileCore(TemplateDraft draft, TemplateVariables variables, out List<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(variables);
        errors = [];
        (TemplatePart Part, ScriptAnalysis Analysis)? body;
        MediaAttachment? media = null;
        if (draft.Media is null)
        {
            body = string.IsNullOrWhiteSpace(draft.Text)
                ? Fail(errors, TemplateErrors.Empty(TemplateErrors.TextField))
                : CompilePart(draft.Text, TemplateErrors.TextField, WhatsAppLimits.TextLength, allowEmpty: false, variables, errors);
        }
        else
        {
            if (!string.IsNullOrEmpty(draft.Text))
            {
                errors.Add(TemplateErrors.TextWithMedia());
            }

            var mediaErrors = MediaAttachment.Check(draft.Media, _maxBase64Bytes);
            errors.AddRange(mediaErrors);
            var caption = draft.Media.Caption;
            if (caption is not null && caption.Length > 0 && string.IsNullOrWhiteSpace(caption))
            {
                body = Fail(errors, TemplateErrors.Empty(TemplateErrors.CaptionField));
            }
            else
            {
                body = CompilePart(caption ?? "", TemplateErrors.CaptionField, WhatsAppLimits.CaptionLength, allowEmpty: true, variables, errors);
            }

            if (mediaErrors.Count == 0)
            {
                media = MediaAttachment.Parse(draft.Media, _maxBase64Bytes).Value;
            }
        }

        if (errors.Count > 0 || body is null)
        {
            return null;
        }

        var template = new MessageTemplate(body.Value.Part, media, variables, body.Value.Analysis, _shorteners, _options);
        if (Probe(template) is { } limit)
        {
            errors.Add(limit);
            return null;
        }

        return template;
    }

    /// <summary>
    /// Renders the template once with every variable empty: a template that reaches a limit whatever the data (a
    /// loop over a constant range, a regular expression over constant text) is invalid now rather than at prepare.
    /// Other failures (an empty text, a runtime error) may well depend on the data and are left to the render.
    /// </summary>
    private static Error? Probe(MessageTemplate template)
    {
        var probe = new MessageRenderer(template, Guid.Empty).Render(ProbeRecipient);
        return !probe.IsSuccess && MessageRenderer.IsTemplateFailure(probe.Error) ? probe.Error : null;
    }

    private static readonly TemplateRecipient ProbeRecipient = new("+10000000000", new Dictionary<string, string>());

    private (TemplatePart, ScriptAnalysis)? CompilePart(
        string source, string field, int limit, bool allowEmpty, TemplateVariables variables, List<Error> errors)
    {
        if (source.Length > _options.MaxTemplateLength)
        {
            return Fail(errors, TemplateErrors.SourceTooLong(field, source.Length, _options.MaxTemplateLength));
        }

        var partErrors = new List<Error>();
        var spintax = Spintax.Parse(source, TemplateCodeSpans.Find(source, out var unclosedCode), field);
        partErrors.AddRange(spintax.Errors);
        if (unclosedCode >= 0)
        {
            partErrors.Add(TemplateErrors.Syntax(
                field, TextLocation.Of(source, unclosedCode), "this code block is never closed with '}}'." + Hint(source, unclosedCode)));
        }

        var (script, map) = SpintaxLowering.Lower(spintax);
        var template = Template.Parse(script, null, new ParserOptions { ExpressionDepthLimit = _options.ExpressionDepthLimit });
        var part = new TemplatePart(field, source, template, map, limit, allowEmpty);
        ScriptAnalysis? analysis = null;
        if (template.HasErrors || template.Page is null)
        {
            partErrors.AddRange(SyntaxErrors(template, part));
        }
        else
        {
            analysis = ScriptAnalyzer.Analyze(template.Page, variables, part);
            partErrors.AddRange(analysis.Errors);
        }

        foreach (var link in _shorteners.Find(source))
        {
            partErrors.Add(TemplateErrors.Shortener(field, TextLocation.Of(source, link.Start), link.Host));
        }

        if (spintax.MinimumLength > limit)
        {
            partErrors.Add(TemplateErrors.TooLong(field, spintax.MinimumLength, limit));
        }

        // In reading order; errors without a place (lengths) last.
        errors.AddRange(partErrors.OrderBy(e => e.Details.TryGetValue("line", out var l) ? (int)l! : int.MaxValue)
                                  .ThenBy(e => e.Details.TryGetValue("column", out var c) ? (int)c! : int.MaxValue));
        return partErrors.Count == 0 && analysis is not null ? (part, analysis) : null;
    }

    private static IEnumerable<Error> SyntaxErrors(Template template, TemplatePart part)
    {
        var seen = new HashSet<TextLocation>(); // Scriban often adds follow-on errors at the same place: the first says most
        foreach (var message in template.Messages)
        {
            if (message.Type != ParserMessageType.Error)
            {
                continue;
            }

            var at = part.Locate(message.Span.Start.Offset);
            if (seen.Add(at))
            {
                yield return TemplateErrors.Syntax(part.Field, at, message.Message + Hint(part.Source, part.Map.ToOriginal(Math.Max(message.Span.Start.Offset, 0))));
            }
        }
    }

    /// <summary>
    /// A group whose first option starts with a nested group begins with <c>{{</c>, which opens code: when the error is
    /// in code that starts <c>{{</c> glued to what follows and has a <c>|</c> before any <c>}}</c>, say so.
    /// </summary>
    private static string Hint(string source, int offset)
    {
        offset = Math.Min(offset, source.Length - 1);
        var open = offset < 0 ? -1 : source.LastIndexOf("{{", Math.Min(offset + 1, source.Length - 1), StringComparison.Ordinal);
        if (open < 0 || open + 2 >= source.Length || char.IsWhiteSpace(source[open + 2]) || source[open + 2] is '-' or '~')
        {
            return "";
        }

        var close = source.IndexOf("}}", open + 2, StringComparison.Ordinal);
        var bar = source.IndexOf('|', open + 2);
        return bar >= 0 && (close < 0 || bar < close)
            ? " ('{{' opens template code, so a group of choices cannot start with a nested group: write {Hey|{Hi|Hello} there} rather than {{Hi|Hello} there|Hey}.)"
            : "";
    }

    private static (TemplatePart, ScriptAnalysis)? Fail(List<Error> errors, Error error)
    {
        errors.Add(error);
        return null;
    }
}
