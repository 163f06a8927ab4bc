namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>
/// Direct sends (<c>POST /api/messages</c>) written in SQL as the direct-send service stores them (migration 0021): a
/// running campaign of kind 'direct', origin 'api', open all day in UTC, with one sender and one queued, pre-checked
/// message (line 0); the sender's number woken.
/// </summary>
internal static class DirectSendRows
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <param name="age">How long ago it was created (direct sends go oldest first).</param>
    /// <returns>The direct send's id (its campaign's).</returns>
    public static async Task<Guid> DirectAsync(this DispatchKit kit, Guid tenant, TestSender sender, string recipient, TimeSpan? age = null)
    {
        var id = Guid.CreateVersion7();
        var body = $"Your order {id:N} to {recipient} is on its way";
        await kit.ExecuteAsync(
            """
            insert into campaigns.campaigns (id, tenant_id, name, template, window_starts, window_ends, window_days, window_time_zone,
                max_identical, status, recipients_total, recipients_rendered, created_at, updated_at, started_at, kind, origin)
            values ($1, $2, 'direct', $3, '{00:00,12:00}', '{12:00,00:00}', '{1,2,3,4,5,6,7}', 'UTC', 10, 'running', 1, 1,
                    now() - $4, now() - $4, now() - $4, 'direct', 'api')
            """,
            id, tenant, body, age ?? TimeSpan.Zero);
        await kit.ExecuteAsync("insert into campaigns.campaign_senders (campaign_id, sender_id, position) values ($1, $2, 0)", id, sender.Id);
        await kit.ExecuteAsync(
            """
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash, sender_id, jid)
            values ($1, $2, 0, 'queued', $3, sha256(convert_to($3, 'UTF8')), $4, $5)
            """,
            id, recipient, body, sender.Id, DispatchKit.Jid(recipient));
        await using var connection = await kit.DataSource.OpenConnectionAsync(Cancel);
        await global::Campaigns.Engine.Dispatch.DispatchWake.WakeSendersAsync(connection, null, [sender.Id], Cancel);
        return id;
    }
}
