using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Tests.Shared;

namespace Campaigns.Api.Tests.Alerts;

public sealed class AlertEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string PublicUrl = "https://93.184.216.34/hooks/alerts"; // an address literal: no DNS, and nothing queued posts to it

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://127.0.0.1/alerts", "alerts.url_not_public")]
    [InlineData("https://169.254.169.254/latest/meta-data", "alerts.url_not_public")]
    [InlineData("http://93.184.216.34/alerts", "alerts.url_not_https")]
    [InlineData("", "alerts.url_required")]
    public async Task Set_UnusableUrl_Answers400NamingTheFieldAndSetsNothing(string url, string code)
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PutAsJsonAsync("/api/alerts", new { url }, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("url", problem.GetProperty("field").GetString());
        using var get = await client.GetAsync("/api/alerts", Cancel);
        await Problem.ReadAsync(get, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Set_PublicHttpsUrl_AnswersTheSecretOnceAndGetShowsTheUrlWithoutIt()
    {
        using var client = await api.CreateTenantClientAsync();

        using var first = await client.PutAsJsonAsync("/api/alerts", new { url = PublicUrl }, Cancel);
        using var second = await client.PutAsJsonAsync("/api/alerts", new { url = PublicUrl }, Cancel);
        using var get = await client.GetAsync("/api/alerts", Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var set = await first.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(PublicUrl, set.GetProperty("url").GetString());
        var secret = set.GetProperty("secret").GetString();
        Assert.Equal(43, secret?.Length); // 256 bits, base64url
        Assert.NotEqual(secret, (await second.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("secret").GetString());
        var alert = await get.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(PublicUrl, alert.GetProperty("url").GetString());
        Assert.False(alert.TryGetProperty("secret", out _));
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("lastDelivery").ValueKind);
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("failingSince").ValueKind);
    }

    [Fact]
    public async Task Delete_UrlSet_RemovesItAndThenAnswers404()
    {
        using var client = await api.CreateTenantClientAsync();
        using var set = await client.PutAsJsonAsync("/api/alerts", new { url = PublicUrl }, Cancel);

        using var delete = await client.DeleteAsync("/api/alerts", Cancel);
        using var again = await client.DeleteAsync("/api/alerts", Cancel);
        using var get = await client.GetAsync("/api/alerts", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await Problem.ReadAsync(again, HttpStatusCode.NotFound);
        await Problem.ReadAsync(get, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Test_NoUrlSet_Answers404()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/alerts/test", null, Cancel);

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Test_UrlOnThisMachineAllowed_ThePingArrivesSignedAndGetShowsTheDelivery()
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var configured = await ConfiguredApi.StartAsync(new Dictionary<string, string?> { ["Alerts:AllowPrivateAddresses"] = "true" });
        using var client = await configured.CreateTenantClientAsync();
        using var set = await client.PutAsJsonAsync("/api/alerts", new { url = receiver.Url.AbsoluteUri }, Cancel);
        var secret = (await set.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("secret").GetString()!;

        using var test = await client.PostAsync("/api/alerts/test", null, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
        var eventId = (await test.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("eventId").GetString();
        var post = await receiver.NextAsync(TimeSpan.FromSeconds(30)); // the recurring job runs every 5 s
        Assert.Equal(eventId, post.EventId);
        Assert.True(post.IsSignedWith(secret));
        Assert.Equal("ping", JsonDocument.Parse(post.Body).RootElement.GetProperty("type").GetString());
        var alert = await WaitForDeliveryAsync(client);
        Assert.Equal("204", alert.GetProperty("lastDelivery").GetProperty("status").GetString());
        Assert.Equal(0, alert.GetProperty("queued").GetInt64());
    }

    private static async Task<JsonElement> WaitForDeliveryAsync(HttpClient client)
    {
        for (var i = 0; ; i++)
        {
            var alert = await client.GetFromJsonAsync<JsonElement>("/api/alerts", Cancel);
            if (alert.GetProperty("lastDelivery").ValueKind != JsonValueKind.Null || i == 50)
            {
                return alert;
            }

            await Task.Delay(100, Cancel);
        }
    }
}
