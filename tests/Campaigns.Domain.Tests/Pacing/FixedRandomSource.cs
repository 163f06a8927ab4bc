using Campaigns.Domain.Pacing;

namespace Campaigns.Domain.Tests.Pacing;

/// <summary>Draws <paramref name="draw"/> every time: the ends of a range, exactly.</summary>
internal sealed class FixedRandomSource(double draw) : IRandomSource
{
    /// <summary>The largest double under 1: the top of what a source may draw.</summary>
    public static readonly double JustUnderOne = Math.BitDecrement(1.0);

    public double NextDouble() => draw;
}
