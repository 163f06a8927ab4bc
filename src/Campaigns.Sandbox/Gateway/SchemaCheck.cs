using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Campaigns.Sandbox.Gateway;

/// <summary>
/// The few JSON-schema checks that Evolution's schemas use, with the messages of the <c>jsonschema</c> package as
/// <c>dataValidate</c> turns them into wire text: the schema's <c>description</c> if it has one, else the error's
/// <c>stack</c> (<c>instance.text is not of a type(s) string</c>) with the first <c>instance.</c> removed.
/// </summary>
internal sealed class SchemaCheck
{
    private const string Root = "instance";
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages => _messages;

    public bool IsValid => _messages.Count == 0;

    /// <summary>The body as an object, or null (and a message) when it is not one.</summary>
    public JsonObject? Body(JsonNode? body)
    {
        if (body is JsonObject obj)
        {
            return obj;
        }

        Fail(Root, "is not of a type(s) object", null);
        return null;
    }

    public void Required(JsonObject obj, string path, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(obj);
        foreach (var name in names)
        {
            if (!obj.ContainsKey(name))
            {
                Fail(path, $"requires property \"{name}\"", null);
            }
        }
    }

    /// <param name="notEmptyDescription">The message of Evolution's <c>isNotEmpty(...)</c> when the string is empty.</param>
    public void String(JsonObject obj, string path, string name, string? description = null, string? notEmptyDescription = null)
    {
        if (!Present(obj, name, out var node))
        {
            return;
        }

        if (Kind(node) != JsonValueKind.String)
        {
            Fail($"{path}.{name}", "is not of a type(s) string", description);
        }
        else if (notEmptyDescription is not null && node!.GetValue<string>().Length == 0)
        {
            Fail($"{path}.{name}", "does not meet minimum length of 1", notEmptyDescription);
        }
    }

    public void Integer(JsonObject obj, string path, string name, string? description = null)
    {
        if (Present(obj, name, out var node) && !IsInteger(node))
        {
            Fail($"{path}.{name}", "is not of a type(s) integer", description);
        }
    }

    public void Boolean(JsonObject obj, string path, string name)
    {
        if (Present(obj, name, out var node) && Kind(node) is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail($"{path}.{name}", "is not of a type(s) boolean", null);
        }
    }

    public void Enum(JsonObject obj, string path, string name, IReadOnlyCollection<string> values)
    {
        if (Present(obj, name, out var node)
            && (Kind(node) != JsonValueKind.String || !values.Contains(node!.GetValue<string>())))
        {
            Fail($"{path}.{name}", $"is not one of enum values: {string.Join(',', values)}", null);
        }
    }

    /// <summary>An optional object property: checks its type and returns it when it is one.</summary>
    public JsonObject? Object(JsonObject obj, string path, string name)
    {
        if (!Present(obj, name, out var node))
        {
            return null;
        }

        if (node is JsonObject child)
        {
            return child;
        }

        Fail($"{path}.{name}", "is not of a type(s) object", null);
        return null;
    }

    /// <summary>An optional array of strings, with <c>minItems</c>, <c>uniqueItems</c>, an item <c>pattern</c> or <c>enum</c>.</summary>
    public void StringArray(
        JsonObject obj,
        string path,
        string name,
        int minItems,
        bool uniqueItems,
        string? itemDescription,
        string? itemPattern = null,
        IReadOnlyCollection<string>? allowed = null)
    {
        if (!Present(obj, name, out var node))
        {
            return;
        }

        if (node is not JsonArray array)
        {
            Fail($"{path}.{name}", "is not of a type(s) array", null);
            return;
        }

        if (array.Count < minItems)
        {
            Fail($"{path}.{name}", $"does not meet minimum length of {minItems.ToString(CultureInfo.InvariantCulture)}", null);
        }

        if (uniqueItems && array.Select(i => i?.ToJsonString()).Distinct(StringComparer.Ordinal).Count() < array.Count)
        {
            Fail($"{path}.{name}", "contains duplicate item", null);
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}.{name}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (array[i] is not JsonValue item || Kind(item) != JsonValueKind.String)
            {
                Fail(itemPath, "is not of a type(s) string", itemDescription);
            }
            else if (itemPattern is not null && !System.Text.RegularExpressions.Regex.IsMatch(item.GetValue<string>(), itemPattern))
            {
                Fail(itemPath, $"does not match pattern {JsonSerializer.Serialize(itemPattern)}", itemDescription);
            }
            else if (allowed is not null && !allowed.Contains(item.GetValue<string>()))
            {
                Fail(itemPath, $"is not one of enum values: {string.Join(',', allowed)}", itemDescription);
            }
        }
    }

    /// <summary>Whether the property is there; JSON null counts as present (and then fails every type check).</summary>
    private static bool Present(JsonObject obj, string name, out JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.TryGetPropertyValue(name, out node);
    }

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool IsInteger(JsonNode? node) =>
        Kind(node) == JsonValueKind.Number && node!.GetValue<double>() is var d && Math.Floor(d) == d;

    private void Fail(string path, string text, string? description)
    {
        const string Prefix = Root + ".";
        var index = path.IndexOf(Prefix, StringComparison.Ordinal);
        var stack = $"{path} {text}";
        _messages.Add(description ?? (index < 0 ? stack : stack.Remove(index, Prefix.Length)));
    }
}
