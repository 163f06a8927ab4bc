namespace Campaigns.Sandbox.Messages;

/// <summary>
/// Every message each instance sent or received, for <c>findMessages</c>: kept per instance, and by WhatsApp id, so a
/// reconciliation's look-up by <c>key.id</c> stays cheap with tens of thousands of messages.
/// </summary>
internal sealed class MessageStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StoredMessage>> _byInstance = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredMessage>> _byKeyId = new(StringComparer.Ordinal);
    private long _sequence;

    public StoredMessage Add(string instance, WaMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            var stored = new StoredMessage(MessageIds.NewRowId(), instance, ++_sequence, message);
            Of(_byInstance, instance).Add(stored);
            Of(_byKeyId, message.Key.Id).Add(stored);
            return stored;
        }
    }

    /// <summary>One page, newest first, and the total that matched.</summary>
    public (IReadOnlyList<StoredMessage> Page, int Total) Find(string instance, MessageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<StoredMessage> matches;
        lock (_gate)
        {
            var candidates = query.KeyId is { } keyId ? _byKeyId.GetValueOrDefault(keyId) : _byInstance.GetValueOrDefault(instance);
            matches = [.. (candidates ?? []).Where(m => m.Instance == instance && Matches(m, query))];
        }

        var page = matches
            .OrderByDescending(m => m.Message.MessageTimestamp)
            .ThenByDescending(m => m.Sequence)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToList();
        return (page, matches.Count);
    }

    /// <summary>How many messages the instance has, and with how many distinct chats.</summary>
    public (int Messages, int Chats) Counts(string instance)
    {
        lock (_gate)
        {
            var mine = _byInstance.GetValueOrDefault(instance) ?? [];
            return (mine.Count, mine.Select(m => m.Message.Key.RemoteJid).Distinct(StringComparer.Ordinal).Count());
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byInstance.Clear();
            _byKeyId.Clear();
        }
    }

    private static List<StoredMessage> Of(Dictionary<string, List<StoredMessage>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        return list;
    }

    private static bool Matches(StoredMessage stored, MessageQuery query)
    {
        var m = stored.Message;
        return (query.RowId is null || query.RowId == stored.Id)
               && (query.KeyId is null || query.KeyId == m.Key.Id)
               && (query.RemoteJid is null || query.RemoteJid == m.Key.RemoteJid)
               && (query.FromMe is null || query.FromMe == m.Key.FromMe)
               && (query.MessageType is null || query.MessageType == m.MessageType)
               && (query.Source is null || query.Source == m.Source)
               && (query.TimestampFrom is null || m.MessageTimestamp >= query.TimestampFrom)
               && (query.TimestampTo is null || m.MessageTimestamp <= query.TimestampTo);
    }
}
