using Campaigns.Engine.Templates;

namespace Campaigns.Api.Campaigns;

/// <summary>One contact's message in a preview.</summary>
/// <param name="Status"><c>ready</c>, <c>skipped</c> (see the reason), or <c>overLimit</c> (its own text already goes to the most recipients allowed).</param>
/// <param name="Text">The message; null when skipped.</param>
internal sealed record PreviewMessageResponse(string Phone, int Line, PlanStatus Status, string? Text, string? SkipCode, string? SkipReason);
