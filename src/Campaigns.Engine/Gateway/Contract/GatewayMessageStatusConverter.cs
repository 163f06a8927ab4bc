using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>Reads a <see cref="GatewayMessageStatus"/> leniently (string any case, Baileys number, unknown) and writes the wire string.</summary>
internal sealed class GatewayMessageStatusConverter : JsonConverter<GatewayMessageStatus>
{
    public override bool HandleNull => true;

    public override GatewayMessageStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => FromString(reader.GetString()),
            JsonTokenType.Number when reader.TryGetInt32(out var number) => FromNumber(number),
            JsonTokenType.Number or JsonTokenType.Null or JsonTokenType.True or JsonTokenType.False => GatewayMessageStatus.Unknown,
            _ => throw new JsonException($"A message status is a string or a number, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, GatewayMessageStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value switch
        {
            GatewayMessageStatus.Error => "ERROR",
            GatewayMessageStatus.Deleted => "DELETED",
            GatewayMessageStatus.Pending => "PENDING",
            GatewayMessageStatus.ServerAck => "SERVER_ACK",
            GatewayMessageStatus.DeliveryAck => "DELIVERY_ACK",
            GatewayMessageStatus.Read => "READ",
            GatewayMessageStatus.Played => "PLAYED",
            _ => "UNKNOWN",
        });
    }

    private static GatewayMessageStatus FromString(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "ERROR" => GatewayMessageStatus.Error,
        "DELETED" => GatewayMessageStatus.Deleted,
        "PENDING" => GatewayMessageStatus.Pending,
        "SERVER_ACK" => GatewayMessageStatus.ServerAck,
        "DELIVERY_ACK" => GatewayMessageStatus.DeliveryAck,
        "READ" => GatewayMessageStatus.Read,
        "PLAYED" => GatewayMessageStatus.Played,
        { } digits when int.TryParse(digits, out var number) => FromNumber(number),
        _ => GatewayMessageStatus.Unknown,
    };

    // Baileys' proto WebMessageInfo.Status, which Evolution's renderStatus maps to the strings above.
    private static GatewayMessageStatus FromNumber(int number) => number switch
    {
        0 => GatewayMessageStatus.Error,
        1 => GatewayMessageStatus.Pending,
        2 => GatewayMessageStatus.ServerAck,
        3 => GatewayMessageStatus.DeliveryAck,
        4 => GatewayMessageStatus.Read,
        5 => GatewayMessageStatus.Played,
        _ => GatewayMessageStatus.Unknown,
    };
}
