namespace Campaigns.Engine.BulkSends;

/// <summary>One recipient of a bulk send: the number as written, and the values a template reads by field name.</summary>
internal sealed record BulkRecipient(string? Number, IReadOnlyDictionary<string, string?>? Fields = null);
