using Campaigns.Domain.Common;
using Campaigns.Engine.Contacts;

namespace Campaigns.Engine.Senders;

/// <summary>
/// The 409s of senders. One number, one budget: a second live sender for one instance or one linked number is refused
/// whoever holds the first, and the answer never says who (another tenant's sender is not revealed).
/// </summary>
internal static class SenderConflicts
{
    /// <summary>The reason a sender whose linked number another live sender holds shows in <c>stateReason</c>.</summary>
    public const string NumberHeldReason =
        "Its number is already linked to another sender: one number has one budget, so this sender cannot send while that one exists.";

    /// <summary>The pause reason of a sender stored before instance keys existed whose instance another sender already drives.</summary>
    public const string InstanceHeldReason = "instance_in_use: another sender already drives this gateway instance";

    /// <summary>The pause reason written when a user pauses a sender.</summary>
    public const string PausedByUser = "paused by its user";

    public static Error InstanceInUse(Uri gatewayUrl, string instance) => new(
        "sender.instance_in_use",
        $"Instance '{instance}' of {gatewayUrl} is already registered as a sender (under this or another address of the same gateway): " +
        "one instance can be one sender only, since it has one number and one budget.",
        "instance",
        ErrorKind.Conflict);

    public static Error NumberInUse() => new(
        "sender.number_in_use",
        "The number linked to this instance is already a sender's: one number can be one sender only, since it has one budget.",
        "instance",
        ErrorKind.Conflict);

    /// <summary>The sender is used by campaigns that have started and not ended; each is named, with its status.</summary>
    public static Error InUse(IReadOnlyList<ListUser> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentOutOfRangeException.ThrowIfZero(campaigns.Count);
        return new Error(
            "sender.in_use",
            $"The sender sends for {ListUser.Named(campaigns)}: cancel them (POST /api/campaigns/{{id}}/cancel) " +
            "or let them complete, then delete the sender. To stop it sending meanwhile, pause it (POST /api/senders/{id}/pause).",
            Kind: ErrorKind.Conflict)
        {
            Details = ListUser.Details(campaigns),
        };
    }

    /// <summary>Resuming a sender whose connection is not open (or that has no number of its own): it could not send.</summary>
    public static Error NotSendable(Sender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var state = SenderStore.StateText(sender.State);
        return new Error(
            "sender.not_open",
            sender.State == SenderState.Open
                ? $"The sender cannot send: {sender.StateReason ?? "it has no linked number"}. It stays paused."
                : $"The sender's connection is {state}{(sender.StateReason is null ? "" : $" ({sender.StateReason})")}: link or reconnect it " +
                  "(GET /api/senders/{id}/qr, POST /api/senders/{id}/check), then resume it. It stays paused.",
            Kind: ErrorKind.Conflict)
        {
            Details = new Dictionary<string, object?> { ["state"] = state },
        };
    }
}
