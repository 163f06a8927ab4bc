using System.Text.Json.Nodes;

namespace Campaigns.Sandbox.Messages;

/// <summary>A message the instance sent or received, as <c>findMessages</c> serves it, with its status updates.</summary>
internal sealed class StoredMessage(string id, string instance, long sequence, WaMessage message)
{
    private readonly Lock _gate = new();
    private readonly List<string> _updates = [];

    /// <summary>The row id (<c>messageId</c> of <c>messages.update</c>), not the WhatsApp id.</summary>
    public string Id { get; } = id;

    public string Instance { get; } = instance;

    /// <summary>Arrival order, to break ties between equal timestamps.</summary>
    public long Sequence { get; } = sequence;

    public WaMessage Message { get; } = message;

    public void AddUpdate(string status)
    {
        lock (_gate)
        {
            _updates.Add(status);
        }
    }

    public IReadOnlyList<string> Updates()
    {
        lock (_gate)
        {
            return [.. _updates];
        }
    }

    /// <summary>The record of <c>findMessages</c>: note <c>MessageUpdate</c> (PascalCase) and no <c>status</c>.</summary>
    public FoundMessage ToFound() => new(
        Id,
        Message.Key,
        Message.PushName,
        Message.MessageType,
        (JsonObject)Message.Message.DeepClone(),
        Message.MessageTimestamp,
        Message.InstanceId,
        Message.Source,
        null,
        [.. Updates().Select(s => new FoundMessage.StatusRow(s))]);
}
