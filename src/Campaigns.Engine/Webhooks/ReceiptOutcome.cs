namespace Campaigns.Engine.Webhooks;

/// <summary>What writing one <see cref="StatusReceipt"/> came to (<see cref="MessageStatusWriter"/>).</summary>
internal enum ReceiptOutcome
{
    /// <summary>Its message moved forward (to its status, or further on another receipt of the same batch).</summary>
    Moved,

    /// <summary>Its message already has that status: the same receipt again changes nothing.</summary>
    AlreadyThere,

    /// <summary>Its message is past that status, or the move is not allowed (<c>MessageStatusFlow</c>): nothing to do.</summary>
    NoStepForward,

    /// <summary>No message of its sender has that WhatsApp id (yet: the send may not have recorded it).</summary>
    NoMessage,

    /// <summary>Its message changed under a concurrent writer before the move: try again.</summary>
    Contended,
}
