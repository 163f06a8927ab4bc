using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Campaigns.Api.Tests.Senders;

/// <summary>A sender's <c>pacing</c> through POST, PATCH and GET, and what GET says of its number's idleness and warm-up.</summary>
public sealed class SenderPacingEndpointsTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_WithoutPacing_AnswersTheSpreadProfileWithNoCaps()
    {
        using var client = await fixture.CreateTenantClientAsync();

        var sender = await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created);

        Assert.Equal("""{"profile":"spread","maxPerMinute":null,"maxPerHour":null}""", sender.GetProperty("pacing").GetRawText());
        Assert.False(sender.GetProperty("idle").GetBoolean());
        Assert.Equal(JsonValueKind.Null, sender.GetProperty("lastSentAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, sender.GetProperty("warmUpFrom").ValueKind);
        await DeleteAsync(client, sender.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Register_FloorWithCaps_StoresAndShowsThem()
    {
        using var client = await fixture.CreateTenantClientAsync();

        var sender = await ReadAsync(
            await client.PostAsJsonAsync("/api/senders", Alpha(new { profile = "floor", maxPerMinute = 6, maxPerHour = 120 }), Cancel), HttpStatusCode.Created);
        var id = sender.GetProperty("id").GetGuid();
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/senders/{id}", Cancel);

        Assert.Equal("""{"profile":"floor","maxPerMinute":6,"maxPerHour":120}""", stored.GetProperty("pacing").GetRawText());
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Register_BadPacing_NamesEveryFieldAndStoresNothing()
    {
        using var client = await fixture.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync(
            "/api/senders", Alpha(new { profile = "turbo", maxPerMinute = 0, maxPerHour = 4000 }), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            ["pacing.maxPerHour", "pacing.maxPerMinute", "pacing.profile"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var page = await client.GetFromJsonAsync<JsonElement>("/api/senders", Cancel);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Patch_Pacing_MergesFieldByFieldAndNullRestoresTheDefaults()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var id = (await ReadAsync(await client.PostAsJsonAsync("/api/senders", Alpha(), Cancel), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var capped = await PatchAsync(client, id, """{ "pacing": { "maxPerHour": 100 } }""", HttpStatusCode.OK);
        var floor = await PatchAsync(client, id, """{ "pacing": { "profile": "floor" } }""", HttpStatusCode.OK);
        var bad = await PatchAsync(client, id, """{ "pacing": { "maxPerMinute": 61 } }""", HttpStatusCode.BadRequest);
        var reset = await PatchAsync(client, id, """{ "pacing": null }""", HttpStatusCode.OK);

        Assert.Equal("""{"profile":"spread","maxPerMinute":null,"maxPerHour":100}""", capped.GetProperty("pacing").GetRawText());
        Assert.Equal("""{"profile":"floor","maxPerMinute":null,"maxPerHour":100}""", floor.GetProperty("pacing").GetRawText());
        Assert.Equal("pacing.maxPerMinute", bad.GetProperty("field").GetString());
        Assert.Equal("""{"profile":"spread","maxPerMinute":null,"maxPerHour":null}""", reset.GetProperty("pacing").GetRawText());
        await DeleteAsync(client, id);
    }

    [Fact]
    public async Task Get_NumberSilentForEightDays_IsIdleWithItsLastSendAndWarmUpRestart()
    {
        using var client = await fixture.CreateTenantClientAsync();
        using var sandbox = fixture.CreateSandboxClient();
        var instance = "idle-" + Guid.NewGuid().ToString("N")[..8]; // a number of its own: the budget (and its last send) belongs to the number
        var token = await SenderFixture.CreateInstanceAsync(sandbox, instance, number: "254712" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sender = await ReadAsync(
            await client.PostAsJsonAsync("/api/senders", new { name = "Idle line", gatewayUrl = fixture.Sandbox.AbsoluteUri, instance, instanceApiKey = token }, Cancel),
            HttpStatusCode.Created);
        var id = sender.GetProperty("id").GetGuid();
        var lastSent = DateTimeOffset.UtcNow.AddDays(-8);
        await using (var command = fixture.DataSource.CreateCommand(
            """
            insert into campaigns.numbers (phone, last_sent_at, warmup_from) values ($1, $2, '2026-01-05')
            on conflict (phone) do update set last_sent_at = excluded.last_sent_at, warmup_from = excluded.warmup_from
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = sender.GetProperty("phone").GetString() });
            command.Parameters.Add(new NpgsqlParameter { Value = lastSent });
            await command.ExecuteNonQueryAsync(Cancel);
        }

        var idle = await client.GetFromJsonAsync<JsonElement>($"/api/senders/{id}", Cancel);

        Assert.True(idle.GetProperty("idle").GetBoolean());
        Assert.Equal(lastSent.ToUnixTimeMilliseconds(), idle.GetProperty("lastSentAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal("2026-01-05", idle.GetProperty("warmUpFrom").GetString());
        await using (var command = fixture.DataSource.CreateCommand("update campaigns.numbers set last_sent_at = now() where phone = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = sender.GetProperty("phone").GetString() });
            await command.ExecuteNonQueryAsync(Cancel);
        }

        Assert.False((await client.GetFromJsonAsync<JsonElement>($"/api/senders/{id}", Cancel)).GetProperty("idle").GetBoolean());
        await DeleteAsync(client, id);
    }

    private object Alpha(object? pacing = null) =>
        new { name = "Sales line", gatewayUrl = fixture.Sandbox.AbsoluteUri, instance = "alpha", instanceApiKey = SenderFixture.AlphaToken, pacing };

    private static async Task<JsonElement> PatchAsync(HttpClient client, Guid id, string body, HttpStatusCode expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/merge-patch+json");
        return await ReadAsync(await client.PatchAsync($"/api/senders/{id}", content, Cancel), expected);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    private static async Task DeleteAsync(HttpClient client, Guid id)
    {
        using var response = await client.DeleteAsync($"/api/senders/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
