namespace Campaigns.Engine.Suppressions;

/// <summary>A number of a suppression request that could not be read: its position in the body, as written, and why.</summary>
internal sealed record InvalidSuppression(int Position, string? Value, string Reason);
