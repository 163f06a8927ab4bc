namespace Campaigns.Api.ContactLists;

/// <summary>A contact: its number in E.164, the file line it came from, and the other columns by header name.</summary>
internal sealed record ContactResponse(string Phone, int Line, IReadOnlyDictionary<string, string> Fields);
