using Npgsql;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// Applies stored webhooks of some events. The processor claims a batch of due inbox rows, groups them by applier and
/// calls <see cref="ApplyAsync"/> inside its transaction, then records each row's result; an exception rolls the group
/// back and the processor tries its events again (one by one, so one bad event cannot hold back the others).
/// Appliers are registered as <c>IWebhookApplier</c> singletons.
/// </summary>
internal interface IWebhookApplier
{
    /// <summary>The wire event names it applies (<see cref="WebhookEvents"/>).</summary>
    IReadOnlyCollection<string> Events { get; }

    /// <summary>Applies <paramref name="events"/> (all of <see cref="Events"/>); answers one result per event id.</summary>
    Task<IReadOnlyDictionary<long, ApplyResult>> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken);
}
