using Campaigns.Domain.Common;

namespace Campaigns.Engine.Templates;

/// <summary>One recipient's outcome of preparing: the message to store, or why there is none.</summary>
/// <param name="Message">The body and its hash when <see cref="PlanStatus.Ready"/>; for <see cref="PlanStatus.OverLimit"/>, the recipient's own body, which may not be sent.</param>
/// <param name="Reason">Why the recipient is skipped, when <see cref="PlanStatus.Skipped"/>; why the template fails, when <see cref="PlanStatus.TemplateFailed"/>.</param>
internal sealed record PlannedMessage(PlanStatus Status, RenderedMessage? Message, Error? Reason)
{
    public static PlannedMessage Ready(RenderedMessage message) => new(PlanStatus.Ready, message, null);

    public static PlannedMessage Skipped(Error reason) => new(PlanStatus.Skipped, null, reason);

    public static PlannedMessage TemplateFailed(Error reason) => new(PlanStatus.TemplateFailed, null, reason);

    public static PlannedMessage OverLimit(RenderedMessage message) => new(PlanStatus.OverLimit, message, null);
}
