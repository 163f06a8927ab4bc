using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Domain.Tenants;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Reports;

public sealed class CampaignTestSendTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Test_NumbersInAndOutOfTheList_QueuedNowRenderedWithTheirOwnOrTheFirstRowAndHiddenFromTheCampaign()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        var id = await CampaignAsync(client, tenant, withSender: true);

        using var response = await PostAsync(client, $"/api/campaigns/{id}/test", new JsonObject { ["numbers"] = new JsonArray("0700000003", "+254722000000") });

        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var accepted = JsonDocument.Parse(text).RootElement;
        var testId = accepted.GetProperty("id").GetGuid();
        Assert.Equal(["+254700000003", "+254722000000"], accepted.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("phone").GetString()));
        var tests = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/tests", Cancel);
        var test = Assert.Single(tests.EnumerateArray());
        Assert.Equal((testId, "running"), (test.GetProperty("id").GetGuid(), test.GetProperty("status").GetString()));
        var messages = test.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(
            [("+254700000003", "Hi Name3", "queued"), ("+254722000000", "Hi Name0", "queued")],
            messages.Select(m => (m.GetProperty("phone").GetString(), m.GetProperty("body").GetString(), m.GetProperty("status").GetString())));

        // Not the campaign's: not listed, not in its counts nor its report; the tenant's log shows it under the test's id.
        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel)).GetProperty("items").EnumerateArray();
        Assert.Equal([id], listed.Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal(0, (await GetAsync(client, id)).GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32()));
        var report = await client.GetStringAsync($"/api/campaigns/{id}/report.csv", Cancel);
        Assert.Single(report.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats", Cancel);
        Assert.Equal(0, stats.GetProperty("byStatus").EnumerateObject().Sum(c => c.Value.GetInt32()));
        var log = (await client.GetFromJsonAsync<JsonElement>("/api/messages", Cancel)).GetProperty("items").EnumerateArray();
        Assert.All(log, m => Assert.Equal(testId, m.GetProperty("campaignId").GetGuid()));
    }

    [Fact]
    public async Task Test_SuppressedNumber_Answers400NamingIt()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        var id = await CampaignAsync(client, tenant, withSender: true);
        using (var suppress = await client.PostAsync(
            "/api/suppressions", new StringContent("""["+254722000001"]""", System.Text.Encoding.UTF8, "application/json"), Cancel))
        {
            Assert.True(suppress.IsSuccessStatusCode, await suppress.Content.ReadAsStringAsync(Cancel));
        }

        using var response = await PostAsync(client, $"/api/campaigns/{id}/test", new JsonObject { ["numbers"] = new JsonArray("+254722000000", "0722000001") });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("test.suppressed", "numbers[1]"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/tests", Cancel)).GetArrayLength());
    }

    [Theory]
    [InlineData("[]", "numbers")]
    [InlineData("""["+254722000001","+254722000002","+254722000003","+254722000004","+254722000005","+254722000006"]""", "numbers")]
    [InlineData("""["+254722000001","call me"]""", "numbers[1]")]
    public async Task Test_BadNumbers_Answers400NamingTheField(string numbers, string field)
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        var id = await CampaignAsync(client, tenant, withSender: true);

        using var response = await PostAsync(client, $"/api/campaigns/{id}/test", new JsonObject { ["numbers"] = JsonNode.Parse(numbers) });

        Assert.Equal(field, (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Test_CampaignWithoutSenders_Answers409()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        var id = await CampaignAsync(client, tenant, withSender: false);

        using var response = await PostAsync(client, $"/api/campaigns/{id}/test", new JsonObject { ["numbers"] = new JsonArray("+254722000000") });

        Assert.Equal("campaign.no_senders", (await Problem.ReadAsync(response, HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    private async Task<Guid> CampaignAsync(HttpClient client, TenantId tenant, bool withSender)
    {
        var list = await ImportAsync(client, Csv(5));
        var body = Valid(list).With("""{ "template": "Hi {{ first_name }}" }""");
        if (withSender)
        {
            var sender = await AddSenderAsync(api.DataSource, tenant);
            await using var link = api.DataSource.CreateCommand("update campaigns.senders set phone = '+2547' || lpad((random() * 1e8)::bigint::text, 8, '0') where id = $1");
            link.Parameters.Add(new() { Value = sender });
            await link.ExecuteNonQueryAsync(Cancel);
            body["senderIds"] = new JsonArray(sender.ToString());
        }

        return (await CreateAsync(client, body)).GetProperty("id").GetGuid();
    }
}
