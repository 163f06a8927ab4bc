using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Api.Tests.ContactLists;
using Campaigns.Domain.Tenants;
using Npgsql;

namespace Campaigns.Api.Tests.Campaigns;

/// <summary>Lists, senders and campaigns made through the API, as a client makes them.</summary>
internal static class CampaignRequests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary><paramref name="count"/> contacts: +2547000000nn, "First Name" NameN cycling through <paramref name="names"/>, one city.</summary>
    public static string Csv(int count, int names = int.MaxValue, string city = "Nairobi")
    {
        var csv = new StringBuilder("phone,First Name,city\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Phone(i)},Name{i % names},{city}\n");
        }

        return csv.ToString();
    }

    public static string Phone(int n) => $"+2547{n:D8}";

    public static async Task<Guid> ImportAsync(HttpClient client, string csv)
    {
        using var response = await client.PostAsync("/api/contact-lists", Upload.Csv(csv), Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
    }

    /// <summary>A valid request over <paramref name="listId"/>, to which a test applies its changes.</summary>
    public static JsonObject Valid(Guid listId) => new()
    {
        ["name"] = "March offer",
        ["contactListId"] = listId,
        ["template"] = "{Hi|Hello} {{ first_name }}, the March offer is here.",
    };

    public static JsonObject With(this JsonObject request, string json)
    {
        foreach (var (key, value) in JsonNode.Parse(json)!.AsObject())
        {
            request[key] = value?.DeepClone();
        }

        return request;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, JsonObject body) =>
        client.PostAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid id, string json) =>
        client.PatchAsync($"/api/campaigns/{id}", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);

    /// <summary>Creates a campaign; it must be valid.</summary>
    public static async Task<JsonElement> CreateAsync(HttpClient client, JsonObject body)
    {
        using var response = await PostAsync(client, "/api/campaigns", body);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}", Cancel);

    /// <summary>
    /// The campaign's JSON without what only a read by id adds (<c>counts</c>, <c>senders</c>, <c>estimatedFinishAt</c>,
    /// <c>events</c>, <c>waiting</c>), to hold the other answers equal to it.
    /// </summary>
    public static string WithoutSendingProgress(JsonElement campaign)
    {
        var json = JsonNode.Parse(campaign.GetRawText())!.AsObject();
        json.Remove("counts");
        json.Remove("senders");
        json.Remove("estimatedFinishAt");
        json.Remove("events");
        json.Remove("waiting");
        return json.ToJsonString();
    }

    /// <summary>Polls the campaign until its status is <paramref name="status"/>; fails after 20 s.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, Guid id, string status)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var campaign = await GetAsync(client, id);
            if (campaign.GetProperty("status").GetString() == status)
            {
                return campaign;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Still {campaign.GetProperty("status")} after 20 s: {campaign}");
            await Task.Delay(25, Cancel);
        }
    }

    /// <summary>Every message of a campaign, through the paged listing.</summary>
    public static async Task<List<JsonElement>> MessagesAsync(HttpClient client, Guid id, string query = "")
    {
        var messages = new List<JsonElement>();
        string? after = null;
        do
        {
            var url = $"/api/campaigns/{id}/messages?limit=1000{query}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = await client.GetFromJsonAsync<JsonElement>(url, Cancel);
            messages.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (after is not null);

        return messages;
    }

    /// <summary>A sender row for <paramref name="tenant"/> (the senders API is another issue's).</summary>
    public static async Task<Guid> AddSenderAsync(NpgsqlDataSource dataSource, TenantId tenant)
    {
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand(
            """
            insert into campaigns.senders (id, tenant_id, name, gateway_url, instance, instance_key_protected, time_zone, activated_on,
                daily_cap_min, daily_cap_max, min_interval_ms, jitter_min_ms, jitter_max_ms, webhook_secret_hash, state, state_changed_at)
            values ($1, $2, 'sender', 'http://gateway.test', $1::text, 'x', 'Africa/Nairobi', '2026-01-01', 200, 300, 1000, 1000, 5000, '\x00', 'open', now())
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = tenant.Value });
        await command.ExecuteNonQueryAsync(Cancel);
        return id;
    }

    public static async Task SetStatusAsync(NpgsqlDataSource dataSource, Guid id, string status)
    {
        await using var command = dataSource.CreateCommand("update campaigns.campaigns set status = $2 where id = $1");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = status });
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
