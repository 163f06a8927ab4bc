namespace Campaigns.Engine.Suppressions;

/// <summary>A number as a suppression request wrote it, with its position: the 1-based index in a JSON array, or the CSV line.</summary>
internal readonly record struct SuppressionNumber(int Position, string? Text);
