namespace Campaigns.Api.Campaigns;

/// <summary>How far the last prepare got: the list's contacts, and how many are rendered (or skipped) so far.</summary>
internal sealed record ProgressResponse(int Total, int Rendered);
