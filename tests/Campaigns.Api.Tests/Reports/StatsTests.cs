using System.Net.Http.Json;
using System.Text.Json;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;
using static Campaigns.Api.Tests.Reports.ReportKit;

namespace Campaigns.Api.Tests.Reports;

public sealed class StatsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_TenantsMessages_TodayTotalsRatesByStatusByTypeAndDays()
    {
        using var other = await api.CreateTenantClientAsync("other");
        var foreign = await PreparedAsync(other, Csv(1));
        await SetAsync(api.DataSource, foreign, Phone(0), "status = 'sent', sent_at = now()");
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        var text = await PreparedAsync(client, Csv(5));
        var image = await PreparedAsync(client, Csv(1));
        await ExecuteAsync("update campaigns.campaigns set started_at = now() - interval '3 days' where id = any($1)", new[] { text, image, foreign });
        await ExecuteAsync("""update campaigns.campaigns set media = '{"type": "Image"}' where id = $1""", image);
        await SetAsync(api.DataSource, text, Phone(0), "status = 'read', sent_at = now(), delivered_at = now(), read_at = now(), replied_at = now()");
        await SetAsync(api.DataSource, text, Phone(1), "status = 'delivered', sent_at = now(), delivered_at = now()");
        await SetAsync(api.DataSource, text, Phone(2), "status = 'sent', sent_at = now()");
        await SetAsync(api.DataSource, text, Phone(3), "status = 'failed', sent_at = now() - interval '2 days', failed_at = now() - interval '2 days', error_code = 'gateway.delivery_error'");
        await SetAsync(api.DataSource, image, Phone(0), "status = 'sent', sent_at = now() - interval '1 day'");
        var sender = await AddSenderAsync(api.DataSource, tenant);
        await ExecuteAsync("update campaigns.senders set paused_reason = 'paused by its user', paused_at = now() where id = $1", sender);

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats", Cancel);

        Assert.Equal((3, 5), (stats.GetProperty("messagesToday").GetInt32(), stats.GetProperty("totalSent").GetInt32()));
        Assert.Equal((0.4, 0.2), (stats.GetProperty("deliveryRate").GetDouble(), stats.GetProperty("readRate").GetDouble()));
        Assert.Equal(
            """{"pending":1,"skipped":0,"queued":0,"sending":0,"sent":2,"delivered":1,"read":1,"failed":1,"cancelled":0,"unknown":0,"replied":1}""",
            stats.GetProperty("byStatus").GetRawText());
        Assert.Equal("""{"text":4,"image":1,"video":0,"audio":0,"document":0}""", stats.GetProperty("byType").GetRawText());
        var days = stats.GetProperty("daily").EnumerateArray().ToArray();
        Assert.Equal(30, days.Length);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), days[^1].GetProperty("day").GetString());
        Assert.Equal("""{"sent":3,"delivered":2,"read":1,"failed":0,"replied":1}""", Counts(days[^1]));
        Assert.Equal("""{"sent":1,"delivered":0,"read":0,"failed":0,"replied":0}""", Counts(days[^2]));
        Assert.Equal("""{"sent":1,"delivered":0,"read":0,"failed":1,"replied":0}""", Counts(days[^3]));
        Assert.All(days[..^3], d => Assert.Equal("""{"sent":0,"delivered":0,"read":0,"failed":0,"replied":0}""", Counts(d)));
        var state = Assert.Single(stats.GetProperty("senders").EnumerateArray());
        Assert.Equal((sender, "open", 0, "paused by its user"),
            (state.GetProperty("senderId").GetGuid(), state.GetProperty("state").GetString(), state.GetProperty("sentToday").GetInt32(), state.GetProperty("pausedReason").GetString()));
        Assert.True(state.GetProperty("capToday").GetInt32() > 0);
    }

    [Fact]
    public async Task Get_NothingSent_RatesAreNullAndDaysZero()
    {
        using var client = await api.CreateTenantClientAsync();

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats", Cancel);

        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (stats.GetProperty("deliveryRate").ValueKind, stats.GetProperty("readRate").ValueKind));
        Assert.Equal(0, stats.GetProperty("totalSent").GetInt32());
        Assert.Equal(30, stats.GetProperty("daily").GetArrayLength());
    }

    private static string Counts(JsonElement day)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(day.GetRawText())!.AsObject();
        json.Remove("day");
        return json.ToJsonString();
    }

    private async Task ExecuteAsync(string sql, object parameter)
    {
        await using var command = api.DataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = parameter });
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
