namespace Campaigns.Domain.Templates;

/// <summary>
/// A character written with a backslash so that it is not spintax: <c>\{</c>, <c>\}</c>, <c>\|</c> or <c>\\</c>.
/// It takes two characters of the template from <paramref name="Start"/> and stands for <paramref name="Character"/>.
/// </summary>
public sealed record SpintaxEscape(int Start, char Character) : SpintaxPart(Start);
