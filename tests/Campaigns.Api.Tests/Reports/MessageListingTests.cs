using System.Globalization;
using System.Net;
using System.Text.Json;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;
using static Campaigns.Api.Tests.Reports.ReportKit;

namespace Campaigns.Api.Tests.Reports;

public sealed class MessageListingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CampaignMessages_Paging_NextIsAnOpaqueUrlSafeTokenThatWalksEveryMessageOnce()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(7));

        var seen = new List<string>();
        string? after = null;
        var tokens = new List<string>();
        do
        {
            var (items, next) = await PageAsync(client, $"/api/campaigns/{id}/messages?limit=3" + (after is null ? "" : $"&after={after}"));
            seen.AddRange(items.Select(m => m.GetProperty("phone").GetString()!));
            if (next is not null)
            {
                tokens.Add(next);
            }

            after = next;
        }
        while (after is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(Phone), seen);
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]+$", t));
        Assert.All(tokens, t => Assert.DoesNotContain("254", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CampaignMessages_ResultTimesAndError_AreAnswered()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(2));
        await SetAsync(api.DataSource, id, Phone(0),
            "status = 'read', sent_at = '2026-03-01T09:00:00Z', delivered_at = '2026-03-01T09:00:05Z', read_at = '2026-03-01T09:01:00Z', replied_at = '2026-03-01T09:02:00Z'");
        await SetAsync(api.DataSource, id, Phone(1),
            "status = 'failed', sent_at = '2026-03-01T09:00:00Z', failed_at = '2026-03-01T09:00:09Z', error_code = 'gateway.delivery_error', error = 'undeliverable'");

        var (items, _) = await PageAsync(client, $"/api/campaigns/{id}/messages");

        var read = items[0];
        Assert.Equal(id, read.GetProperty("campaignId").GetGuid());
        Assert.Equal("read", read.GetProperty("status").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T09:00:05Z", CultureInfo.InvariantCulture), read.GetProperty("deliveredAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T09:01:00Z", CultureInfo.InvariantCulture), read.GetProperty("readAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T09:02:00Z", CultureInfo.InvariantCulture), read.GetProperty("repliedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("error").ValueKind);
        var failed = items[1];
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T09:00:09Z", CultureInfo.InvariantCulture), failed.GetProperty("failedAt").GetDateTimeOffset());
        Assert.Equal(("gateway.delivery_error", "undeliverable"),
            (failed.GetProperty("error").GetProperty("code").GetString(), failed.GetProperty("error").GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("+254700000001")]  // the phone cursor these listings used to take
    [InlineData("not-a-cursor!")]
    [InlineData("AQ")]
    public async Task CampaignMessages_MalformedCursor_Answers400NamingAfter(string after)
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(2));

        using var response = await client.GetAsync($"/api/campaigns/{id}/messages?after={Uri.EscapeDataString(after)}", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("request.invalid_parameter", "after"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task CampaignMessages_CursorOfAnotherListing_Answers400NamingAfter()
    {
        using var client = await api.CreateTenantClientAsync();
        var first = await PreparedAsync(client, Csv(3));
        var second = await PreparedAsync(client, Csv(3));
        var (_, ofFirst) = await PageAsync(client, $"/api/campaigns/{first}/messages?limit=1");
        var (_, ofLog) = await PageAsync(client, "/api/messages?limit=1");

        using var otherCampaign = await client.GetAsync($"/api/campaigns/{second}/messages?after={ofFirst}", Cancel);
        using var logOnCampaign = await client.GetAsync($"/api/campaigns/{first}/messages?after={ofLog}", Cancel);
        using var campaignOnLog = await client.GetAsync($"/api/messages?after={ofFirst}", Cancel);

        foreach (var response in new[] { otherCampaign, logOnCampaign, campaignOnLog })
        {
            var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("after", problem.GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task Log_NewestCampaignFirstThenByPhone_PagesThroughEveryMessageOfTheTenantOnly()
    {
        using var other = await api.CreateTenantClientAsync("other");
        await PreparedAsync(other, Csv(2));
        using var client = await api.CreateTenantClientAsync();
        var older = await PreparedAsync(client, Csv(3));
        var newer = await PreparedAsync(client, Csv(2));

        var seen = new List<(Guid, string)>();
        string? after = null;
        do
        {
            var (items, next) = await PageAsync(client, "/api/messages?limit=2" + (after is null ? "" : $"&after={after}"));
            seen.AddRange(items.Select(m => (m.GetProperty("campaignId").GetGuid(), m.GetProperty("phone").GetString()!)));
            after = next;
        }
        while (after is not null);

        Assert.Equal(
            [(newer, Phone(0)), (newer, Phone(1)), (older, Phone(0)), (older, Phone(1)), (older, Phone(2))],
            seen);
    }

    [Fact]
    public async Task Log_Filters_StatusSenderAndCampaign()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        var sender = await AddSenderAsync(api.DataSource, tenant);
        var first = await PreparedAsync(client, Csv(3));
        var second = await PreparedAsync(client, Csv(3));
        await SetAsync(api.DataSource, first, Phone(1), "status = 'failed', error_code = 'gateway.rejected'");
        await SetAsync(api.DataSource, second, Phone(2), $"status = 'failed', error_code = 'gateway.rejected', sender_id = '{sender}'");

        var (failed, _) = await PageAsync(client, "/api/messages?status=failed");
        var (bySender, _) = await PageAsync(client, $"/api/messages?senderId={sender}");
        var (byCampaign, _) = await PageAsync(client, $"/api/messages?campaignId={first}&status=failed");

        Assert.Equal([(second, Phone(2)), (first, Phone(1))], failed.Select(m => (m.GetProperty("campaignId").GetGuid(), m.GetProperty("phone").GetString())));
        Assert.Equal((second, Phone(2)), (Assert.Single(bySender).GetProperty("campaignId").GetGuid(), bySender[0].GetProperty("phone").GetString()));
        Assert.Equal((first, Phone(1)), (Assert.Single(byCampaign).GetProperty("campaignId").GetGuid(), byCampaign[0].GetProperty("phone").GetString()));
    }

    [Fact]
    public async Task Log_UnknownStatus_Answers400NamingIt()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.GetAsync("/api/messages?status=bounced", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("message.unknown_status", "status"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }
}
