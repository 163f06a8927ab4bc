using Npgsql;

namespace Campaigns.Bench.Cluster;

/// <summary>
/// One row of our record (<c>campaigns.messages</c>) of a campaign, as the bench reads it. <see cref="DrawnGapMs"/> and
/// <see cref="DueAt"/> are null while the messages table has no such column (the dispatcher records them; see
/// <see cref="ReadAsync"/>).
/// </summary>
internal sealed record MessageRecord(
    string Phone,
    string Status,
    Guid? SenderId,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? SentAt,
    int Attempts,
    string? GatewayMessageId,
    double? DrawnGapMs,
    DateTimeOffset? DueAt)
{
    private const string DrawnGapColumn = "drawn_gap_ms";

    private const string DueAtColumn = "due_at";

    /// <summary>The statuses in which a recipient counts as handled: sent (and after), skipped, failed or unknown.</summary>
    public static readonly IReadOnlySet<string> Handled = new HashSet<string>(StringComparer.Ordinal)
    {
        "sent", "delivered", "read", "skipped", "failed", "unknown",
    };

    /// <summary>Statuses that say the gateway took the message.</summary>
    public static readonly IReadOnlySet<string> Sent = new HashSet<string>(StringComparer.Ordinal) { "sent", "delivered", "read" };

    /// <summary>The number as the gateway writes it: digits only.</summary>
    public string Digits => Phone.TrimStart('+');

    /// <summary>
    /// The extension point for the dispatcher's pacing record: the column with the gap drawn before the send (ms) and the
    /// one with the number's due time when it was claimed. Each is read when the table has it, else left null.
    /// </summary>
    public static async Task<IReadOnlyList<MessageRecord>> ReadAsync(NpgsqlDataSource dataSource, Guid campaign, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(dataSource, cancellationToken);
        var drawnGap = columns.Contains(DrawnGapColumn) ? $"{DrawnGapColumn}::float8" : "null::float8";
        var dueAt = columns.Contains(DueAtColumn) ? DueAtColumn : "null::timestamptz";
        await using var command = dataSource.CreateCommand(
            $"""
            select phone, status, sender_id, claimed_by, claimed_at, sent_at, attempts, gateway_message_id, {drawnGap}, {dueAt}
            from campaigns.messages where campaign_id = $1
            """);
        command.Parameters.Add(new() { Value = campaign });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<MessageRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MessageRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt16(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return rows;
    }

    /// <summary>Whether the messages table records the drawn gap and the due time (false: the bench estimates and says so).</summary>
    public static async Task<(bool DrawnGap, bool DueAt)> RecordsPacingAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(dataSource, cancellationToken);
        return (columns.Contains(DrawnGapColumn), columns.Contains(DueAtColumn));
    }

    private static async Task<HashSet<string>> ColumnsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select column_name from information_schema.columns where table_schema = 'campaigns' and table_name = 'messages'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
