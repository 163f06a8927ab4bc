namespace Campaigns.Domain.Templates;

/// <summary>
/// A message template as a caller writes it, not yet checked: either a text message (<paramref name="Text"/>) or a
/// media message whose text is its caption (<paramref name="Media"/>), never both.
/// </summary>
public sealed record TemplateDraft(string? Text, MediaDraft? Media = null);
