using Campaigns.Domain.Common;
using Campaigns.Engine.Templates;

namespace Campaigns.Engine.Campaigns;

/// <summary>One contact's message in a preview, exactly as preparing would store it.</summary>
/// <param name="Text">The body; null when skipped. For <see cref="PlanStatus.OverLimit"/> the recipient's own body, which could not be used.</param>
/// <param name="Reason">Why it is skipped.</param>
internal sealed record PreviewMessage(string Phone, int Line, PlanStatus Status, string? Text, Error? Reason);
