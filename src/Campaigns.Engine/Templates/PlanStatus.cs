namespace Campaigns.Engine.Templates;

/// <summary>What preparing decided for one recipient.</summary>
internal enum PlanStatus
{
    /// <summary>The recipient gets <see cref="PlannedMessage.Message"/>.</summary>
    Ready,

    /// <summary>The message could not be made for this recipient (<see cref="PlannedMessage.Reason"/>); the campaign goes on without them.</summary>
    Skipped,

    /// <summary>Every body the template can make for this recipient already goes to the most recipients allowed: the variation rule cannot hold.</summary>
    OverLimit,

    /// <summary>
    /// The template reached one of its limits (<see cref="PlannedMessage.Reason"/>): it is invalid as a whole, and
    /// planning stops; nothing of the list is prepared.
    /// </summary>
    TemplateFailed,
}
