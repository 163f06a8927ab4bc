namespace Campaigns.Engine.Contacts;

/// <summary>A contact given in memory rather than as a file's line (a bulk send's recipient): the number as written and its fields by column.</summary>
internal sealed record ContactRow(string? Phone, IReadOnlyDictionary<string, string?>? Fields);
