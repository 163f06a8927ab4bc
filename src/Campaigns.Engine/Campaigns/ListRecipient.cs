using Campaigns.Engine.Templates;

namespace Campaigns.Engine.Campaigns;

/// <summary>A contact read for rendering: the recipient (with only the columns the template reads), its file line, and whether its number is suppressed.</summary>
internal sealed record ListRecipient(TemplateRecipient Recipient, int Line, bool Suppressed);
