using Campaigns.Domain.Common;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// A change to <see cref="SenderPacing"/> with JSON Merge Patch meaning: a field left absent keeps its value, null
/// takes the default (profile <c>spread</c>, no per-minute or per-hour cap), a value replaces it.
/// </summary>
public sealed record SenderPacingPatch
{
    /// <summary>The patch that restores every default (what <c>"pacing": null</c> asks for).</summary>
    public static SenderPacingPatch Defaults { get; } = new()
    {
        Profile = new Optional<string?>(null),
        MaxPerMinute = new Optional<int?>(null),
        MaxPerHour = new Optional<int?>(null),
    };

    public Optional<string?> Profile { get; init; }

    public Optional<int?> MaxPerMinute { get; init; }

    public Optional<int?> MaxPerHour { get; init; }
}
