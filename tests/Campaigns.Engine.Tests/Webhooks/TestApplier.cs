using System.Collections.Concurrent;
using Campaigns.Engine.Webhooks;
using Npgsql;

namespace Campaigns.Engine.Tests.Webhooks;

/// <summary>
/// An applier for the processor's tests: answers <paramref name="answer"/> for each event (Applied unless told), records
/// every call and how often each event was answered Applied.
/// </summary>
internal sealed class TestApplier(Func<InboxEvent, ApplyResult>? answer = null, params string[] events) : IWebhookApplier
{
    public IReadOnlyCollection<string> Events { get; } = events.Length == 0 ? [WebhookEvents.MessagesUpdate] : events;

    /// <summary>Throws for a group that holds this event (a bad event).</summary>
    public long? Poison { get; init; }

    /// <summary>Waits this long inside each call (holding its transaction), so that runs at once overlap.</summary>
    public TimeSpan Delay { get; init; }

    public ConcurrentQueue<IReadOnlyList<InboxEvent>> Calls { get; } = new();

    public ConcurrentDictionary<long, int> Applied { get; } = new();

    public async Task<IReadOnlyDictionary<long, ApplyResult>> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
    {
        Calls.Enqueue(events);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (Poison is { } poison && events.Any(e => e.Id == poison))
        {
            throw new InvalidOperationException("A bad event.");
        }

        var results = events.ToDictionary(e => e.Id, e => answer?.Invoke(e) ?? ApplyResult.Applied);
        foreach (var (id, _) in results.Where(r => r.Value == ApplyResult.Applied))
        {
            Applied.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return results;
    }
}
