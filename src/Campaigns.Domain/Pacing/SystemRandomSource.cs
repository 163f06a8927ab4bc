namespace Campaigns.Domain.Pacing;

/// <summary>Draws from <see cref="Random.Shared"/>: thread-safe, not replayable. The source production uses.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    /// <summary>The one instance there needs to be.</summary>
    public static SystemRandomSource Instance { get; } = new();

    public double NextDouble() => Random.Shared.NextDouble();
}
