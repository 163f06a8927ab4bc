using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Sandbox.Webhooks;

/// <summary>
/// Keeps each instance's webhook in <see cref="WebhookOptions.StatePath"/>, as Evolution keeps it in its database: a
/// restarted sandbox still posts to the webhooks set before (a product registers a sender's webhook once, with a secret
/// only it knows). Read once at start for the configured instances; written on every <c>webhook/set</c>; emptied by a
/// reset. Without a path nothing is kept.
/// </summary>
internal sealed class WebhookStateFile(IOptions<WebhookOptions> options)
{
    private readonly Lock _gate = new();
    private readonly string? _path = options.Value.StatePath;
    private Dictionary<string, JsonObject>? _rows;

    /// <summary>The webhook kept for <paramref name="instance"/>, or null.</summary>
    public WebhookSettings? Find(string instance)
    {
        lock (_gate)
        {
            return Rows().TryGetValue(instance, out var row) ? FromRow(row) : null;
        }
    }

    public void Save(string instance, WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            if (_path is null)
            {
                return;
            }

            Rows()[instance] = ToRow(settings);
            Write();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            if (_path is null)
            {
                return;
            }

            Rows().Clear();
            Write();
        }
    }

    private Dictionary<string, JsonObject> Rows()
    {
        if (_rows is null)
        {
            _rows = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            if (_path is not null && File.Exists(_path) && JsonNode.Parse(File.ReadAllText(_path)) is JsonObject all)
            {
                foreach (var (name, row) in all)
                {
                    if (row is JsonObject obj)
                    {
                        _rows[name] = obj;
                    }
                }
            }
        }

        return _rows;
    }

    private void Write()
    {
        var all = new JsonObject();
        foreach (var (name, row) in _rows!)
        {
            all[name] = row.DeepClone();
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(_path!))!;
        Directory.CreateDirectory(directory);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, all.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, _path!, overwrite: true);
    }

    private static JsonObject ToRow(WebhookSettings s) => new()
    {
        ["id"] = s.Id,
        ["enabled"] = s.Enabled,
        ["url"] = s.Url,
        ["headers"] = s.Headers?.DeepClone(),
        ["byEvents"] = s.ByEvents,
        ["base64"] = s.Base64,
        ["events"] = new JsonArray([.. s.Events.Select(e => JsonValue.Create(e))]),
        ["createdAt"] = s.CreatedAt.ToUnixTimeMilliseconds(),
        ["updatedAt"] = s.UpdatedAt.ToUnixTimeMilliseconds(),
    };

    private static WebhookSettings FromRow(JsonObject row) => new(
        row["id"]!.GetValue<string>(),
        row["enabled"]!.GetValue<bool>(),
        row["url"]!.GetValue<string>(),
        row["headers"]?.DeepClone() as JsonObject,
        row["byEvents"]!.GetValue<bool>(),
        row["base64"]!.GetValue<bool>(),
        [.. row["events"]!.AsArray().Select(e => e!.GetValue<string>())],
        Instant.FromUnixTimeMilliseconds(row["createdAt"]!.GetValue<long>()),
        Instant.FromUnixTimeMilliseconds(row["updatedAt"]!.GetValue<long>()));
}
