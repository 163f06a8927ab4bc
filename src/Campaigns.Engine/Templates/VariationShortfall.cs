namespace Campaigns.Engine.Templates;

/// <summary>
/// Why the variation rule cannot hold: the recipients who share the same personal fields and ran out of bodies,
/// how many distinct bodies they need, and how many the template can make for them (summed over such groups).
/// </summary>
internal sealed record VariationShortfall(long Recipients, long NeededBodies, long PossibleBodies);
