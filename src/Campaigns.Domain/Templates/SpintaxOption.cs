namespace Campaigns.Domain.Templates;

/// <summary>One choice of a <see cref="SpintaxGroup"/>.</summary>
/// <param name="Start">Offset of the <c>{</c> or <c>|</c> that opens the option.</param>
/// <param name="Parts">What the option writes; empty for an empty option (<c>{!|}</c> writes "!" or nothing).</param>
public sealed record SpintaxOption(int Start, IReadOnlyList<SpintaxPart> Parts);
