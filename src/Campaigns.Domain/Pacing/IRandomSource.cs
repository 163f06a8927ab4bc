namespace Campaigns.Domain.Pacing;

/// <summary>
/// Where pacing draws its jitter: injected, so that a test or a replay gets the same gaps from the same seed
/// (<see cref="SeededRandomSource"/>) and production draws from <see cref="SystemRandomSource"/>.
/// </summary>
public interface IRandomSource
{
    /// <summary>A number uniformly distributed in [0, 1).</summary>
    double NextDouble();
}
