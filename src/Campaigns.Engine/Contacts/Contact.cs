namespace Campaigns.Engine.Contacts;

/// <summary>A contact of a list: its number in E.164, the file line it came from, and the other columns by header name.</summary>
internal sealed record Contact(string Phone, int Line, IReadOnlyDictionary<string, string> Fields);
