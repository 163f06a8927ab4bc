namespace Campaigns.Api.Campaigns;

/// <summary>A variable the template reads, and the list column its values come from (for <c>phone</c>, the phone column, as E.164).</summary>
internal sealed record TemplateVariableResponse(string Name, string Column);
