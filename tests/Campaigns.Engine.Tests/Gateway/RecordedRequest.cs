namespace Campaigns.Engine.Tests.Gateway;

/// <summary>A request as the scripted gateway saw it. <paramref name="Number"/> counts from 1 across all paths.</summary>
internal sealed record RecordedRequest(int Number, string Method, string Path, string Query, string? ApiKey, string? ContentType, string Body);
