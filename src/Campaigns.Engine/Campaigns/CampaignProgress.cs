namespace Campaigns.Engine.Campaigns;

/// <summary>How far a prepare got: the list's contacts, and how many of them are rendered (or skipped) so far.</summary>
internal sealed record CampaignProgress(int Total, int Rendered);
