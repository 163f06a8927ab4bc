namespace Campaigns.Domain.Templates;

/// <summary>A run of a template's text: its start offset and length, both in UTF-16 code units.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The offset just past the span.</summary>
    public int End => Start + Length;
}
