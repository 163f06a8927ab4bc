namespace Campaigns.Domain.Pacing;

/// <summary>
/// Draws the same sequence for the same <paramref name="seed"/>, for tests and replays. Not thread-safe: one per
/// caller.
/// </summary>
public sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public double NextDouble() => _random.NextDouble();
}
