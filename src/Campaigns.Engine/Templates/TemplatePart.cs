using Campaigns.Domain.Templates;
using Scriban;

namespace Campaigns.Engine.Templates;

/// <summary>
/// One compiled template text, a message's text or a media caption: the template as written, the Scriban it compiled
/// to and the map between the two, and the length WhatsApp allows it.
/// </summary>
internal sealed class TemplatePart(string field, string source, Template script, SourceMap map, int limit, bool allowEmpty)
{
    /// <summary><see cref="TemplateErrors.TextField"/> or <see cref="TemplateErrors.CaptionField"/>.</summary>
    public string Field { get; } = field;

    public string Source { get; } = source;

    public Template Script { get; } = script;

    public SourceMap Map { get; } = map;

    /// <summary>The longest rendered text WhatsApp accepts here.</summary>
    public int Limit { get; } = limit;

    /// <summary>Whether an empty render is a message (a caption may be empty; a text message may not).</summary>
    public bool AllowEmpty { get; } = allowEmpty;

    /// <summary>Where in <see cref="Source"/> an offset of the compiled Scriban is.</summary>
    public TextLocation Locate(int scriptOffset) => TextLocation.Of(Source, Map.ToOriginal(Math.Max(scriptOffset, 0)));
}
