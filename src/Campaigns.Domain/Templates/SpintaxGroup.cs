namespace Campaigns.Domain.Templates;

/// <summary>A group of choices, <c>{Hi|Hello|Hey}</c>, of which one is written for each recipient.</summary>
/// <param name="Start">Offset of the opening <c>{</c>.</param>
/// <param name="End">Offset of the closing <c>}</c>; the template's length when the group was never closed.</param>
public sealed record SpintaxGroup(int Start, int End, IReadOnlyList<SpintaxOption> Options) : SpintaxPart(Start);
