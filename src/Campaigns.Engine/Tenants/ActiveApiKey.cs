namespace Campaigns.Engine.Tenants;

/// <summary>An API key found unrevoked; <paramref name="LastUseDue"/>: its last use is unrecorded or over a minute old.</summary>
internal readonly record struct ActiveApiKey(bool LastUseDue);
