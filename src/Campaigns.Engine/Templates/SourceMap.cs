namespace Campaigns.Engine.Templates;

/// <summary>
/// Maps offsets in the Scriban text a template is compiled to back to the template as written, so that errors name
/// the line and column the author sees. Copied text maps character by character; generated code maps to the spintax
/// character it stands for (a group's <c>{</c>, an option's <c>|</c>, a group's <c>}</c>, an escape's <c>\</c>).
/// </summary>
internal sealed class SourceMap
{
    private readonly List<Segment> _segments = [];

    /// <summary>Records that <paramref name="length"/> generated characters from <paramref name="generatedStart"/> come from <paramref name="originalStart"/>.</summary>
    public void Add(int generatedStart, int originalStart, int length, bool copied)
    {
        if (length > 0)
        {
            _segments.Add(new Segment(generatedStart, originalStart, length, copied));
        }
    }

    public int ToOriginal(int generatedOffset)
    {
        var segment = Find(generatedOffset);
        if (segment is null)
        {
            return 0;
        }

        var s = segment.Value;
        return s.Copied ? s.OriginalStart + Math.Min(generatedOffset - s.GeneratedStart, s.Length) : s.OriginalStart;
    }

    /// <summary>Whether the generated offset lies in code the compiler wrote rather than the author.</summary>
    public bool IsGenerated(int generatedOffset) => Find(generatedOffset) is { Copied: false };

    private Segment? Find(int generatedOffset)
    {
        if (_segments.Count == 0)
        {
            return null;
        }

        int low = 0, high = _segments.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_segments[middle].GeneratedStart <= generatedOffset)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return _segments[low];
    }

    private readonly record struct Segment(int GeneratedStart, int OriginalStart, int Length, bool Copied);
}
