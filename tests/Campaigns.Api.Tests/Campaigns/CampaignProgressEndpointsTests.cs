using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Domain.Senders;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Campaigns;

/// <summary>
/// <c>GET /api/campaigns/{id}</c>'s sending progress (counts, senders, projected finish) on rows arranged in PostgreSQL,
/// at a fixed time: 2026-11-26 09:00 UTC, 12:00 in Nairobi, a Thursday.
/// </summary>
public sealed class CampaignProgressEndpointsTests : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 26, 9, 0);
    private static readonly LocalDate Today = new(2026, 11, 26);

    private ConfiguredApi? _api;
    private NpgsqlDataSource? _dataSource;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ConfiguredApi Api => _api ?? throw new InvalidOperationException("Not initialised.");

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        // An api-only host: the messages these tests write must stay as written, and a worker's dispatch loop would claim
        // the queued ones of an open sender whose number is due (a race CI can lose).
        _api = await ConfiguredApi.StartAsync(
            new Dictionary<string, string?> { ["Campaigns:Roles"] = "api" }, services: services => services.AddSingleton<IClock>(new FakeClock(Now)));
        _dataSource = NpgsqlDataSource.Create(_api.ConnectionString);
    }

    [Fact]
    public async Task Get_RunningCampaign_CountsPerStatusSendersBudgetsAndProjectedFinish()
    {
        var client = await Api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(3));
        var campaign = (await CreateAsync(client, Valid(list).With("""{ "sendWindow": { "start": "08:00", "end": "20:00", "timeZone": "Africa/Nairobi" } }""")))
            .GetProperty("id").GetGuid();
        var busy = await AddSenderAsync(campaign, 0, "+254711000001", pausedReason: null);
        var paused = await AddSenderAsync(campaign, 1, "+254711000002", pausedReason: "unauthorized");
        await SetStatusAsync(DataSource, campaign, "running");

        // The busy number: 10 of today's 12 sent, next send in 30 s. The paused one: a counter of yesterday only.
        await AddNumberAsync("+254711000001", Today, 10, 12, Now + Duration.FromSeconds(30));
        await AddNumberAsync("+254711000002", Today.PlusDays(-1), 50, 60, null);
        var n = 0;
        await AddMessagesAsync(campaign, busy, "queued", 5, n);
        await AddMessagesAsync(campaign, paused, "queued", 2, n += 5);
        await AddMessagesAsync(campaign, busy, "sent", 3, n += 2);
        await AddMessagesAsync(campaign, busy, "failed", 1, n += 3);
        await AddMessagesAsync(campaign, null, "skipped", 1, n += 1);
        await using (var reply = DataSource.CreateCommand(
            "update campaigns.messages set replied_at = now() where campaign_id = $1 and phone = (select min(phone) from campaigns.messages where campaign_id = $1 and status = 'sent')"))
        {
            reply.Parameters.Add(new() { Value = campaign });
            await reply.ExecuteNonQueryAsync(Cancel);
        }

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel);

        var counts = body.GetProperty("counts");
        Assert.Equal(
            """{"pending":0,"skipped":1,"queued":7,"sending":0,"sent":3,"delivered":0,"read":0,"failed":1,"cancelled":0,"unknown":0,"replied":1}""",
            counts.GetRawText());
        var senders = body.GetProperty("senders").EnumerateArray().ToList();
        Assert.Equal(2, senders.Count);
        Assert.Equal(
            (busy, 5, 10, 12, "2026-11-26T09:00:30+00:00", JsonValueKind.Null),
            (senders[0].GetProperty("senderId").GetGuid(), senders[0].GetProperty("queued").GetInt32(), senders[0].GetProperty("sentToday").GetInt32(),
             senders[0].GetProperty("capToday").GetInt32(), senders[0].GetProperty("nextSendAt").GetString(), senders[0].GetProperty("pausedReason").ValueKind));
        var pausedSettings = SenderSettings.Create("Africa/Nairobi", new LocalDate(2026, 1, 1)).Value;
        Assert.Equal(
            (paused, 2, 0, DailyCap.For(new SenderId(paused), pausedSettings, Today), JsonValueKind.Null, "unauthorized"),
            (senders[1].GetProperty("senderId").GetGuid(), senders[1].GetProperty("queued").GetInt32(), senders[1].GetProperty("sentToday").GetInt32(),
             senders[1].GetProperty("capToday").GetInt32(), senders[1].GetProperty("nextSendAt").ValueKind, senders[1].GetProperty("pausedReason").GetString()));

        // The busy number sends 2 today (from 09:00:30, 4 s apart), reaches its cap, and sends its 3 others from the
        // window's opening tomorrow, 08:00 in Nairobi: the last at 05:00:08 UTC. The paused one is done in 4 s.
        Assert.Equal("2026-11-27T05:00:08+00:00", body.GetProperty("estimatedFinishAt").GetString());
    }

    [Fact]
    public async Task Get_RunningCampaignOfASpreadSender_ProjectsItsBudgetSpreadOverTheWindowsOpenHours()
    {
        var client = await Api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(3));
        var campaign = (await CreateAsync(client, Valid(list).With("""{ "sendWindow": { "start": "08:00", "end": "20:00", "timeZone": "Africa/Nairobi" } }""")))
            .GetProperty("id").GetGuid();
        var spread = await AddSenderAsync(campaign, 0, "+254711000005", pausedReason: null, profile: "spread");
        await SetStatusAsync(DataSource, campaign, "running");
        await AddNumberAsync("+254711000005", Today, 10, 12, Now + Duration.FromSeconds(30));
        await AddMessagesAsync(campaign, spread, "queued", 2, 0);

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel);

        // Its last 2 of today's 12 spread over the 7 h 59 min 30 s left until 20:00 in Nairobi: 12:00:30, then 16:00:15.
        Assert.Equal("2026-11-26T13:00:15+00:00", body.GetProperty("estimatedFinishAt").GetString());
    }

    [Fact]
    public async Task Get_ReadyCampaignNotAssigned_SharesItsPendingMessagesOverItsSenders()
    {
        var client = await Api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(3));
        var campaign = (await CreateAsync(client, Valid(list))).GetProperty("id").GetGuid();
        await AddSenderAsync(campaign, 0, "+254711000003", pausedReason: null);
        await AddSenderAsync(campaign, 1, "+254711000004", pausedReason: null);
        await SetStatusAsync(DataSource, campaign, "ready");
        await AddMessagesAsync(campaign, null, "pending", 5, 0);

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel);

        Assert.Equal(5, body.GetProperty("counts").GetProperty("pending").GetInt32());
        Assert.All(body.GetProperty("senders").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("queued").GetInt32()));

        // 3 for the first sender, 2 for the second, 4 s apart (the default mean gap); the window is each recipient's.
        Assert.Equal("2026-11-26T09:00:08+00:00", body.GetProperty("estimatedFinishAt").GetString());
    }

    [Fact]
    public async Task Get_RunningCampaign_ShowsHowFarThePrecheckIs()
    {
        var client = await Api.CreateTenantClientAsync();
        var campaign = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(2))))).GetProperty("id").GetGuid();
        var sender = await AddSenderAsync(campaign, 0, "+254711000005", pausedReason: null);
        await SetStatusAsync(DataSource, campaign, "running");
        await AddMessagesAsync(campaign, sender, "queued", 6, 0);
        await AddMessagesAsync(campaign, sender, "sent", 2, 6);
        await AddMessagesAsync(campaign, null, "skipped", 3, 8);
        await using (var checkedSome = DataSource.CreateCommand(
            """
            with looked_up as (update campaigns.messages set jid = ltrim(phone, '+') || '@s.whatsapp.net'
                                where campaign_id = $1 and (status = 'sent' or (status = 'queued' and line < 2)))
            update campaigns.messages set skip_code = 'not_on_whatsapp' where campaign_id = $1 and status = 'skipped' and line < 10
            """))
        {
            checkedSome.Parameters.Add(new() { Value = campaign });
            await checkedSome.ExecuteNonQueryAsync(Cancel);
        }

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel);

        Assert.Equal("""{"unchecked":4,"notOnWhatsApp":2}""", body.GetProperty("precheck").GetRawText());
    }

    [Fact]
    public async Task Get_DraftWithoutMessages_CountsZeroAndNoEstimate()
    {
        var client = await Api.CreateTenantClientAsync();
        var campaign = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(2))))).GetProperty("id").GetGuid();

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel);

        Assert.All(body.GetProperty("counts").EnumerateObject(), count => Assert.Equal(0, count.Value.GetInt32()));
        Assert.Empty(body.GetProperty("senders").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("estimatedFinishAt").ValueKind);
    }

    [Fact]
    public async Task Get_RunningCampaignNoSenderCanSend_WaitsAndShowsItsNewestTwentyEvents()
    {
        var client = await Api.CreateTenantClientAsync();
        var campaign = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(2))))).GetProperty("id").GetGuid();
        var paused = await AddSenderAsync(campaign, 0, "+254711000005", pausedReason: "unauthorized");
        await SetStatusAsync(DataSource, campaign, "running");
        await AddMessagesAsync(campaign, paused, "queued", 2, 0);
        await using (var events = DataSource.CreateCommand(
            """
            insert into campaigns.campaign_events (campaign_id, at, kind, detail)
            select $1, '2026-11-26T08:00:00Z'::timestamptz + i * interval '1 second',
                   case when i = 25 then 'waiting_for_sender' else 'failover' end, jsonb_build_object('moved', i)
              from generate_series(1, 25) i
            """))
        {
            events.Parameters.Add(new() { Value = campaign });
            await events.ExecuteNonQueryAsync(Cancel);
        }

        var waiting = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel);

        Assert.Equal("no_usable_sender", waiting.GetProperty("waiting").GetString());
        var latest = waiting.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(6, 20).Reverse(), latest.Select(e => e.GetProperty("detail").GetProperty("moved").GetInt32()));
        Assert.Equal(
            ("waiting_for_sender", "2026-11-26T08:00:25+00:00"),
            (latest[0].GetProperty("kind").GetString(), latest[0].GetProperty("at").GetString()));

        await using (var resume = DataSource.CreateCommand("update campaigns.senders set paused_reason = null where id = $1"))
        {
            resume.Parameters.Add(new() { Value = paused });
            await resume.ExecuteNonQueryAsync(Cancel);
        }

        var resumed = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel);
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("waiting").ValueKind);
    }

    [Fact]
    public async Task OpenApi_CampaignResponse_DeclaresTheProgressMembers()
    {
        using var client = Api.Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var campaign = schemas.GetProperty("CampaignResponse").GetProperty("properties");
        Assert.True(campaign.TryGetProperty("counts", out _));
        Assert.True(campaign.TryGetProperty("senders", out _));
        Assert.True(campaign.TryGetProperty("estimatedFinishAt", out _));
        Assert.True(campaign.TryGetProperty("precheck", out _));
        Assert.Equal(
            ["notOnWhatsApp", "unchecked"],
            schemas.GetProperty("PrecheckProgressResponse").GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        var required = schemas.GetProperty("MessageCountsResponse").GetProperty("required").EnumerateArray().Select(r => r.GetString());
        Assert.Equal(["cancelled", "delivered", "failed", "pending", "queued", "read", "replied", "sending", "sent", "skipped", "unknown"], required.Order());
        var sender = schemas.GetProperty("CampaignSenderResponse");
        Assert.Equal(
            ["capToday", "name", "queued", "senderId", "sentToday"],
            sender.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    /// <summary>
    /// A sender of the campaign's tenant on <paramref name="phone"/> (Nairobi, 200–300 a day, 1 s + 1–5 s), in the
    /// campaign's senders, on the floor profile unless told (the figures above are at the mean gap).
    /// </summary>
    private async Task<Guid> AddSenderAsync(Guid campaign, int position, string phone, string? pausedReason, string profile = "floor")
    {
        var id = Guid.CreateVersion7();
        await using var batch = DataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            insert into campaigns.senders (id, tenant_id, name, gateway_url, instance, instance_key_protected, phone, time_zone, activated_on,
                daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, webhook_secret_hash, state, state_changed_at, paused_reason,
                pacing_profile)
            select $1, tenant_id, 'sender ' || $3, 'http://gateway.test', $1::text, 'x', $3, 'Africa/Nairobi', '2026-01-01',
                   200, 300, 1000, 1000, 5000, '\x00', 'open', now(), $4, $5
              from campaigns.campaigns where id = $2
            """)
        {
            Parameters =
            {
                new() { Value = id }, new() { Value = campaign }, new() { Value = phone },
                new() { Value = (object?)pausedReason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }, new() { Value = profile },
            },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "insert into campaigns.campaign_senders (campaign_id, sender_id, position) values ($1, $2, $3) on conflict do nothing")
        {
            Parameters = { new() { Value = campaign }, new() { Value = id }, new() { Value = (short)position } },
        });
        await batch.ExecuteNonQueryAsync(Cancel);
        return id;
    }

    private async Task AddNumberAsync(string phone, LocalDate day, int sentToday, int capToday, Instant? nextSendAt)
    {
        await using var command = DataSource.CreateCommand(
            "insert into campaigns.numbers (phone, day, sent_today, cap_today, next_send_at, last_sent_at) values ($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(new() { Value = phone });
        command.Parameters.Add(new() { Value = new DateOnly(day.Year, day.Month, day.Day) });
        command.Parameters.Add(new() { Value = sentToday });
        command.Parameters.Add(new() { Value = capToday });
        command.Parameters.Add(new() { Value = nextSendAt is { } next ? next.ToDateTimeUtc() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = Now.ToDateTimeUtc() });
        await command.ExecuteNonQueryAsync(Cancel);
    }

    /// <summary><paramref name="count"/> messages of one status, to numbers from <paramref name="first"/> on (each phone once per campaign).</summary>
    private async Task AddMessagesAsync(Guid campaign, Guid? sender, string status, int count, int first)
    {
        await using var command = DataSource.CreateCommand(
            """
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash, skip_reason, sender_id)
            select $1, '+2547990' || lpad(i::text, 5, '0'), i, $3, 'Hello', sha256('Hello'::bytea),
                   case when $3 = 'skipped' then 'test' end, $2
              from generate_series($4, $4 + $5 - 1) i
            """);
        command.Parameters.Add(new() { Value = campaign });
        command.Parameters.Add(new() { Value = (object?)sender ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = status });
        command.Parameters.Add(new() { Value = first });
        command.Parameters.Add(new() { Value = count });
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
