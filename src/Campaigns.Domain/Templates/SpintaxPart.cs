namespace Campaigns.Domain.Templates;

/// <summary>A piece of a template after its spintax has been read: text, an escaped character, code, or a group of choices.</summary>
/// <param name="Start">Offset of the piece in the template's text.</param>
public abstract record SpintaxPart(int Start);
