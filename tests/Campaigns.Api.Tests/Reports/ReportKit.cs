using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Reports;

/// <summary>Prepared campaigns whose messages a test then moves along with SQL (sending is another part's).</summary>
internal static class ReportKit
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Imports <paramref name="csv"/>, creates a campaign over it and prepares it; answers its id once ready.</summary>
    public static async Task<Guid> PreparedAsync(HttpClient client, string csv, string template = "Hello {{ phone }}")
    {
        var list = await ImportAsync(client, csv);
        var id = (await CreateAsync(client, Valid(list).With($$"""{ "template": "{{template}}" }"""))).GetProperty("id").GetGuid();
        using var _ = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        await WaitForAsync(client, id, "ready");
        return id;
    }

    /// <summary>Sets one message's columns, e.g. <c>status = 'read', sent_at = '…'</c>.</summary>
    public static async Task SetAsync(NpgsqlDataSource dataSource, Guid campaign, string phone, string assignments)
    {
        await using var command = dataSource.CreateCommand($"update campaigns.messages set {assignments} where campaign_id = $1 and phone = $2");
        command.Parameters.Add(new() { Value = campaign });
        command.Parameters.Add(new() { Value = phone });
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Cancel));
    }

    public static async Task<(List<JsonElement> Items, string? Next)> PageAsync(HttpClient client, string url)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(url, Cancel);
        var next = page.GetProperty("next");
        return (page.GetProperty("items").EnumerateArray().ToList(), next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }
}
