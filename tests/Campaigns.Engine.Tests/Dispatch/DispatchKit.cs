using System.Globalization;
using Campaigns.Domain.Pacing;
using Campaigns.Domain.Templates;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Security;
using Campaigns.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>
/// The rows a dispatch test needs, written in SQL (a tenant, senders with their numbers, a running campaign with queued
/// messages assigned to its senders), and the dispatcher's parts built on the test class's database.
/// </summary>
internal sealed class DispatchKit(TestDatabase database)
{
    private static int _numbers;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public NpgsqlDataSource DataSource => database.DataSource;

    public SecretProtector Protector { get; } = new(new EphemeralDataProtectionProvider());

    public DispatchMetrics Metrics { get; } = new();

    /// <summary>Test options: sends leased for 30 s, the recipient period of production (24 h).</summary>
    public static DispatchOptions Options(Action<DispatchOptions>? change = null)
    {
        var options = new DispatchOptions
        {
            SendLease = TimeSpan.FromSeconds(30),
            MidnightSpread = TimeSpan.Zero,
            BackoffBase = TimeSpan.FromMilliseconds(200),
            CompletionInterval = TimeSpan.FromMilliseconds(20),
            MaxIdle = TimeSpan.FromMilliseconds(50),
        };
        change?.Invoke(options);
        return options;
    }

    public DispatchClaimer Claimer(DispatchOptions? options = null, int seed = 7, PacingOptions? pacing = null) =>
        new(DataSource, Microsoft.Extensions.Options.Options.Create(options ?? Options()), new SeededRandomSource(seed), TimeProvider.System, Metrics,
            Wrap(pacing ?? new PacingOptions()));

    public DispatchFailoverJob Failover(DispatchOptions? options = null) =>
        new(DataSource, Wrap(options ?? Options()), Microsoft.Extensions.Logging.Abstractions.NullLogger<DispatchFailoverJob>.Instance);

    /// <summary>A fresh E.164 number no other test uses.</summary>
    public static string NewNumber(string prefix = "+25470") =>
        prefix + Interlocked.Increment(ref _numbers).ToString("D7", CultureInfo.InvariantCulture);

    public async Task<Guid> TenantAsync()
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync("insert into campaigns.tenants (id, name) values ($1, 'dispatch test')", id);
        return id;
    }

    /// <summary>
    /// An open sender with its own number (and its row in <c>numbers</c>, parked), pacing 1 s + jitter as given, on the
    /// <c>floor</c> profile unless <paramref name="profile"/> says otherwise (these tests look at the floor's rules; the
    /// spread profile would stretch their gaps to minutes).
    /// </summary>
    public async Task<TestSender> SenderAsync(
        Guid tenant,
        Uri? gateway = null,
        string? instance = null,
        string? key = null,
        string? number = null,
        int jitterMinMs = 0,
        int jitterMaxMs = 0,
        int capMin = 200,
        int capMax = 300,
        string timeZone = "Africa/Nairobi",
        int minIntervalMs = 1000,
        LocalDate? activatedOn = null,
        string profile = "floor")
    {
        var id = Guid.CreateVersion7();
        number ??= NewNumber();
        instance ??= "inst-" + id.ToString("N")[^12..]; // the random end of a version-7 id
        await ExecuteAsync(
            """
            insert into campaigns.senders (id, tenant_id, name, gateway_url, instance, instance_key_protected, phone, time_zone,
                activated_on, daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, webhook_secret_hash,
                state, state_changed_at, pacing_profile)
            values ($1, $2, 'sender', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, '\x00', 'open', now(), $14)
            """,
            id, tenant, (gateway ?? new Uri("http://127.0.0.1:9/")).AbsoluteUri, instance, Protector.Protect(key ?? "KEY"), number, timeZone,
            activatedOn ?? new LocalDate(2020, 1, 1), capMin, capMax, minIntervalMs, jitterMinMs, jitterMaxMs, profile);
        await ExecuteAsync("insert into campaigns.numbers (phone) values ($1) on conflict do nothing", number);
        return new TestSender(id, number, instance);
    }

    /// <summary>
    /// A running campaign of <paramref name="senders"/> (in order), with a window open all day unless given (its ranges,
    /// every day), and the given messages queued: each recipient with its sender, pre-checked (its <see cref="Jid"/>)
    /// unless <paramref name="prechecked"/> is false.
    /// </summary>
    public async Task<Guid> CampaignAsync(
        Guid tenant,
        IReadOnlyList<TestSender> senders,
        IEnumerable<(string Recipient, TestSender Sender)> messages,
        IReadOnlyList<(string Start, string End)>? window = null,
        string windowTimeZone = "recipient",
        MediaDraft? media = null,
        string? bodyPrefix = null,
        bool prechecked = true)
    {
        var id = Guid.CreateVersion7();
        window ??= [("00:00", "12:00"), ("12:00", "00:00")]; // all day, as ranges the Domain accepts
        await ExecuteAsync(
            """
            insert into campaigns.campaigns (id, tenant_id, name, template, media, window_starts, window_ends, window_days, window_time_zone,
                max_identical, status, created_at, updated_at, started_at)
            values ($1, $2, 'campaign', 'Hi', $3::jsonb, $4::text[]::time[], $5::text[]::time[], '{1,2,3,4,5,6,7}', $6, 10, 'running', now(), now(), now())
            """,
            id, tenant, media is null ? DBNull.Value : System.Text.Json.JsonSerializer.Serialize(media, global::Campaigns.Engine.Campaigns.CampaignStore.Json),
            window.Select(r => r.Start).ToArray(), window.Select(r => r.End).ToArray(), windowTimeZone);
        for (var i = 0; i < senders.Count; i++)
        {
            await ExecuteAsync(
                "insert into campaigns.campaign_senders (campaign_id, sender_id, position) values ($1, $2, $3)", id, senders[i].Id, (short)i);
        }

        var line = 1;
        foreach (var (recipient, sender) in messages)
        {
            var body = $"{bodyPrefix ?? "Hello"} {recipient} from {id:N}";
            await ExecuteAsync(
                """
                insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash, sender_id, time_zone, jid)
                values ($1, $2, $3, 'queued', $4, sha256(convert_to($4, 'UTF8')), $5, 'Africa/Nairobi', $6)
                """,
                id, recipient, ++line, body, sender.Id, prechecked ? Jid(recipient) : DBNull.Value);
        }

        await using var connection = await DataSource.OpenConnectionAsync(Cancel);
        await DispatchWake.WakeSendersAsync(connection, null, senders.Select(s => s.Id).ToArray(), Cancel);
        return id;
    }

    /// <summary>Completes the number's send as the loop does, minus the gap: it is due again at once, as if it never sent.</summary>
    public Task FreeAsync(TestSender sender) =>
        ExecuteAsync("update campaigns.numbers set next_send_at = now(), last_sent_at = null where phone = $1", sender.Number);

    /// <summary>The jid the pre-check gives a number the gateway knows as typed: its digits <c>@s.whatsapp.net</c>.</summary>
    public static string Jid(string number) => number.TrimStart('+') + "@s.whatsapp.net";

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        return await command.ExecuteScalarAsync(Cancel) is T value ? value : default!;
    }

    /// <summary>The campaign's messages: recipient → (status, attempts, gateway id, error code).</summary>
    public async Task<Dictionary<string, (string Status, int Attempts, string? GatewayId, string? ErrorCode)>> MessagesAsync(Guid campaign)
    {
        await using var command = DataSource.CreateCommand(
            "select phone, status, attempts, gateway_message_id, error_code from campaigns.messages where campaign_id = $1");
        command.Parameters.Add(new() { Value = campaign });
        var messages = new Dictionary<string, (string, int, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            messages[reader.GetString(0)] = (
                reader.GetString(1), reader.GetInt16(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        return messages;
    }

    public static IOptions<T> Wrap<T>(T value)
        where T : class => Microsoft.Extensions.Options.Options.Create(value);
}

/// <summary>A sender a test made: its id, its number and its instance name.</summary>
internal sealed record TestSender(Guid Id, string Number, string Instance);
