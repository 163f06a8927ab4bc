namespace Campaigns.Engine.Receipts;

/// <summary>What one run of <see cref="MissingReceiptsJob"/> did: messages flagged, checked with the gateway, moved on by a check.</summary>
internal sealed record ReceiptsRun(int Flagged, int Checked, int Moved);
