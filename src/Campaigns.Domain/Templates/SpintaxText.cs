namespace Campaigns.Domain.Templates;

/// <summary>Plain text, to be written as it is: the template's characters from <paramref name="Start"/> for <paramref name="Length"/>.</summary>
public sealed record SpintaxText(int Start, int Length) : SpintaxPart(Start);
