namespace Campaigns.Sandbox.Control;

/// <summary>An instance's scripted reach-out timelock.</summary>
internal sealed record TimelockResponse(string Instance, string Until, string Mode);
