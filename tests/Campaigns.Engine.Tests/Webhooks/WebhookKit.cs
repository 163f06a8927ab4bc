using Campaigns.Engine.Tenants;
using Campaigns.Engine.Webhooks;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Tests.Webhooks;

/// <summary>Senders and inbox rows on the test class's database, and the processor built on it with a test's appliers.</summary>
internal sealed class WebhookKit(TestDatabase database)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public NpgsqlDataSource DataSource => database.DataSource;

    public static WebhookOptions Options(Action<WebhookOptions>? change = null)
    {
        var options = new WebhookOptions();
        change?.Invoke(options);
        return options;
    }

    public WebhookProcessJob Job(WebhookOptions options, params IWebhookApplier[] appliers) =>
        new(DataSource, new WebhookRows(DataSource, Microsoft.Extensions.Options.Options.Create(options)), appliers,
            Microsoft.Extensions.Options.Options.Create(options), new WebhookMetrics(), SystemClock.Instance, NullLogger<WebhookProcessJob>.Instance);

    /// <summary>Marks every unprocessed row of earlier tests processed, so that a run sees only this test's rows.</summary>
    public Task SettleEarlierRowsAsync() =>
        ExecuteAsync("update campaigns.webhook_inbox set processed_at = now(), outcome = 'ignored' where processed_at is null");

    /// <summary>A sender of a new tenant; answers both ids.</summary>
    public async Task<(Guid Sender, Guid Tenant)> SenderAsync()
    {
        var (tenant, _) = await new TenantStore(DataSource).CreateAsync("tenant", Cancel);
        var id = Guid.CreateVersion7();
        await ExecuteAsync(
            """
            insert into campaigns.senders (id, tenant_id, name, gateway_url, instance, instance_key_protected, time_zone, activated_on,
                daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, webhook_secret_hash, state, state_changed_at)
            values ($1, $2, 'sender', 'http://127.0.0.1:9/', $3, 'protected', 'UTC', '2020-01-01', 200, 300, 1000, 1000, 5000, '\x00', 'open', now())
            """,
            id, tenant.Value, "inst-" + id.ToString("N"));
        return (id, tenant.Value);
    }

    /// <summary>Stores <paramref name="count"/> events of <paramref name="eventName"/> for the sender; answers their ids in order.</summary>
    public async Task<long[]> AddAsync(Guid sender, int count, string eventName = WebhookEvents.MessagesUpdate, string received = "0 seconds")
    {
        await using var command = DataSource.CreateCommand(
            """
            insert into campaigns.webhook_inbox (sender_id, event, payload, received_at)
            select $1, $2, jsonb_build_object('event', $2, 'data', jsonb_build_object('n', n)), now() - $4::interval
            from generate_series(1, $3) n
            returning id
            """);
        command.Parameters.Add(new() { Value = sender });
        command.Parameters.Add(new() { Value = eventName });
        command.Parameters.Add(new() { Value = count });
        command.Parameters.Add(new() { Value = received });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            ids.Add(reader.GetInt64(0));
        }

        ids.Sort();
        return [.. ids];
    }

    /// <summary>A row's state: outcome, processed, attempts, and seconds from now to its next attempt (null when none).</summary>
    public async Task<(string? Outcome, bool Processed, int Attempts, double? NextInSeconds)> RowAsync(long id)
    {
        await using var command = DataSource.CreateCommand(
            """
            select outcome, processed_at is not null, attempts, extract(epoch from next_attempt_at - now())::float8
            from campaigns.webhook_inbox where id = $1
            """);
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel), $"row {id} is gone");
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetBoolean(1), reader.GetInt16(2), reader.IsDBNull(3) ? null : reader.GetDouble(3));
    }

    public async Task<long[]> ExistingAsync(IEnumerable<long> ids)
    {
        await using var command = DataSource.CreateCommand("select id from campaigns.webhook_inbox where id = any($1) order by id");
        command.Parameters.Add(new() { Value = ids.ToArray() });
        var found = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            found.Add(reader.GetInt64(0));
        }

        return [.. found];
    }

    public async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }
}
