using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;
using static Campaigns.Api.Tests.Reports.ReportKit;

namespace Campaigns.Api.Tests.Reports;

public sealed class CampaignTimelineTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timeline_EventsOverAMinute_CumulativeCountsPerSecond()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(4));
        await SetStatusAsync(api.DataSource, id, "completed");
        await SetAsync(api.DataSource, id, Phone(0),
            $"status = 'read', sent_at = {At(0)}, delivered_at = {At(10)}, read_at = {At(30)}, replied_at = {At(50)}");
        await SetAsync(api.DataSource, id, Phone(1), $"status = 'failed', sent_at = {At(20)}, failed_at = {At(25)}");
        await SetAsync(api.DataSource, id, Phone(2), $"status = 'read', sent_at = {At(40)}, read_at = {At(45.5)}"); // read without a delivery receipt

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/timeline", Cancel);

        Assert.Equal(1, timeline.GetProperty("bucketSeconds").GetInt32());
        var points = timeline.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(51, points.Length);
        Assert.Equal(T0.AddSeconds(1), points[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal(T0.AddSeconds(51), points[^1].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("""{"sent":1,"delivered":0,"read":0,"replied":0,"failed":0}""", Counts(points[0]));
        Assert.Equal("""{"sent":1,"delivered":1,"read":0,"replied":0,"failed":0}""", Counts(points[10]));
        Assert.Equal("""{"sent":2,"delivered":1,"read":0,"replied":0,"failed":1}""", Counts(points[25]));
        Assert.Equal("""{"sent":3,"delivered":1,"read":1,"replied":0,"failed":1}""", Counts(points[44]));
        Assert.Equal("""{"sent":3,"delivered":2,"read":2,"replied":0,"failed":1}""", Counts(points[45]));
        Assert.Equal("""{"sent":3,"delivered":2,"read":2,"replied":1,"failed":1}""", Counts(points[^1]));
    }

    [Theory]
    [InlineData(199, 2)] // just over 198 one-second buckets
    [InlineData(7 * 86400, 3600)] // a week: hours
    [InlineData(400 * 86400, 3 * 86400)] // beyond 198 days: whole days
    public async Task Timeline_AnySpan_AtMost200BucketsCoveringEveryEvent(int spanSeconds, int expectedBucket)
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(3));
        await SetStatusAsync(api.DataSource, id, "completed");
        await SetAsync(api.DataSource, id, Phone(0), $"status = 'sent', sent_at = {At(0.5)}");
        await SetAsync(api.DataSource, id, Phone(1), $"status = 'delivered', sent_at = {At(spanSeconds / 2)}, delivered_at = {At(spanSeconds / 2 + 1)}");
        await SetAsync(api.DataSource, id, Phone(2), $"status = 'read', sent_at = {At(spanSeconds / 3)}, read_at = {At(spanSeconds + 0.5)}");

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/timeline", Cancel);

        var bucket = timeline.GetProperty("bucketSeconds").GetInt32();
        Assert.Equal(expectedBucket, bucket);
        var points = timeline.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("at").GetDateTimeOffset()).ToArray();
        Assert.InRange(points.Length, 2, 200);
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(bucket), pair.Second - pair.First));
        Assert.InRange(T0.AddSeconds(0.5), points[0].AddSeconds(-bucket), points[0].AddTicks(-1));
        Assert.InRange(T0.AddSeconds(spanSeconds + 0.5), points[^1].AddSeconds(-bucket), points[^1].AddTicks(-1));
        Assert.Equal("""{"sent":3,"delivered":2,"read":1,"replied":0,"failed":0}""", Counts(timeline.GetProperty("points")[points.Length - 1]));
    }

    [Fact]
    public async Task Timeline_Running_ReachesNow()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(2));
        await SetStatusAsync(api.DataSource, id, "running");
        await SetAsync(api.DataSource, id, Phone(0), "status = 'sent', sent_at = now() - interval '10 minutes'");
        var before = DateTimeOffset.UtcNow;

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/timeline", Cancel);

        Assert.Equal(5, timeline.GetProperty("bucketSeconds").GetInt32());
        var last = timeline.GetProperty("points").EnumerateArray().Last();
        Assert.True(last.GetProperty("at").GetDateTimeOffset() > before, "The last bucket ends after the request began.");
        Assert.Equal(1, last.GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task Timeline_NothingHappened_NoPoints()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(2));

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/timeline", Cancel);

        Assert.Equal("""{"bucketSeconds":0,"points":[]}""", timeline.GetRawText());
    }

    [Fact]
    public async Task Timeline_AnotherTenantsOrUnknownCampaign_NotFound()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(1));
        await SetAsync(api.DataSource, id, Phone(0), $"status = 'sent', sent_at = {At(0)}");
        using var intruder = await api.CreateTenantClientAsync("intruder");

        using var own = await client.GetAsync($"/api/campaigns/{id}/timeline", Cancel);
        using var foreign = await intruder.GetAsync($"/api/campaigns/{id}/timeline", Cancel);
        using var unknown = await client.GetAsync($"/api/campaigns/{Guid.NewGuid()}/timeline", Cancel);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("not_found", (await Problem.ReadAsync(foreign, HttpStatusCode.NotFound)).GetProperty("code").GetString());
        await Problem.ReadAsync(unknown, HttpStatusCode.NotFound);
    }

    private static string At(double seconds) =>
        $"'{T0.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)}'";

    private static string Counts(JsonElement point)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(point.GetRawText())!.AsObject();
        json.Remove("at");
        return json.ToJsonString();
    }
}
