using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Reads <c>hash</c> of <c>/instance/create</c>: the instance token as a string in v2, <c>{"apikey": "…"}</c> in v1.
/// Writes the v2 string.
/// </summary>
internal sealed class InstanceTokenConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartObject:
                string? token = null;
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (property.NameEquals("apikey") && property.Value.ValueKind is JsonValueKind.String)
                        {
                            token = property.Value.GetString();
                        }
                    }
                }

                return token;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
