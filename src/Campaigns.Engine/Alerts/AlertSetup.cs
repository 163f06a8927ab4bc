namespace Campaigns.Engine.Alerts;

/// <summary>An alert URL just set, with its new signing secret: the one time the secret is shown.</summary>
internal sealed record AlertSetup(Uri Url, string Secret);
