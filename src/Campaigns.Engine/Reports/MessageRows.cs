using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Reports;

/// <summary>The one way a message row (alias <c>m</c>) is selected and read, for every listing of messages.</summary>
internal static class MessageRows
{
    /// <summary>The columns <see cref="Read"/> reads, in order, from <c>campaigns.messages m</c>.</summary>
    public const string Columns =
        "m.phone, m.line, m.status, m.body, m.body_hash, m.skip_code, m.skip_reason, m.sender_id, m.gateway_message_id, m.sent_at, " +
        "m.error_code, m.error, m.campaign_id, m.delivered_at, m.read_at, m.failed_at, m.replied_at, m.receipt_missing_at";

    /// <summary>How many columns <see cref="Columns"/> names: the ordinal of the first column a query selects after them.</summary>
    public const int Count = 18;

    public static CampaignMessage Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        StatusText.ParseMessageStatus(reader.GetString(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetGuid(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        Time(reader, 9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        new CampaignId(reader.GetGuid(12)),
        Time(reader, 13),
        Time(reader, 14),
        Time(reader, 15),
        Time(reader, 16),
        Time(reader, 17));

    /// <summary>A nullable <c>timestamptz</c> column.</summary>
    public static Instant? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<Instant>(ordinal);
}
