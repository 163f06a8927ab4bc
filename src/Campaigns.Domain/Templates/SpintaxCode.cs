namespace Campaigns.Domain.Templates;

/// <summary>
/// A block of template code (<c>{{ … }}</c>, or an escape block <c>{%{ … }%}</c>), kept whole: spintax is never read
/// inside it. The template's characters from <paramref name="Start"/> for <paramref name="Length"/>.
/// </summary>
public sealed record SpintaxCode(int Start, int Length) : SpintaxPart(Start);
