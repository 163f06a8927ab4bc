namespace Campaigns.Api.Messages;

/// <summary>One recipient of a bulk send.</summary>
/// <param name="Number">The WhatsApp number, read like a contact list's (E.164, or national with <c>defaultRegion</c>).</param>
/// <param name="Fields">Values a template reads by name (<c>{"first_name": "Amina"}</c> → <c>{{ first_name }}</c>); a field another recipient has and this one lacks is empty.</param>
internal sealed record BulkRecipientRequest(string? Number, IReadOnlyDictionary<string, string?>? Fields = null);
