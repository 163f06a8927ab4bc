using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>Reads an <see cref="InstanceConnectionState"/> leniently (any case, unknown → Unknown) and writes the wire word.</summary>
internal sealed class InstanceConnectionStateConverter : JsonConverter<InstanceConnectionState>
{
    public override bool HandleNull => true;

    public override InstanceConnectionState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not JsonTokenType.String)
        {
            reader.Skip();
            return InstanceConnectionState.Unknown;
        }

        return reader.GetString()?.Trim().ToUpperInvariant() switch
        {
            "OPEN" => InstanceConnectionState.Open,
            "CONNECTING" => InstanceConnectionState.Connecting,
            "CLOSE" => InstanceConnectionState.Close,
            "REFUSED" => InstanceConnectionState.Refused,
            _ => InstanceConnectionState.Unknown,
        };
    }

    public override void Write(Utf8JsonWriter writer, InstanceConnectionState value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is InstanceConnectionState.Unknown)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(value switch
        {
            InstanceConnectionState.Open => "open",
            InstanceConnectionState.Connecting => "connecting",
            InstanceConnectionState.Close => "close",
            _ => "refused",
        });
    }
}
