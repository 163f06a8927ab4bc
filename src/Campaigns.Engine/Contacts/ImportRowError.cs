namespace Campaigns.Engine.Contacts;

/// <summary>A row of an upload that was not imported: its physical line (1-based), the phone cell as written, and why.</summary>
internal sealed record ImportRowError(int Line, string? Value, string Reason);
