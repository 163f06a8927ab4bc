using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Api.Tests.Senders;
using Campaigns.Engine.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Api.Tests.Dispatch;

/// <summary>
/// Restrictions end to end, through the API, the host's Hangfire server and the sandbox: a scripted reach-out timelock
/// (463) on one of two senders, and a scripted restricted account that the health guard stops.
/// </summary>
public sealed class RestrictionEndToEndTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_TimelockOnOneOfTwoSenders_NoFirstContactFromItDuringTheLockAndTheOtherFinishes()
    {
        using var client = await fixture.CreateTenantClientAsync();
        using var sandbox = fixture.CreateSandboxClient();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (locked, lockedId) = await EndToEnd.OpenSenderAsync(fixture, client, $"lock-{run}-a");
        var (other, otherId) = await EndToEnd.OpenSenderAsync(fixture, client, $"lock-{run}-b");
        var phones = Phones(6);
        var contacted = phones[0];

        // One recipient already talked with the locked sender: WhatsApp (the sandbox) and the engine both know it.
        using (var before = await sandbox.PostAsJsonAsync($"/message/sendText/{locked}", new { number = contacted.TrimStart('+'), text = "Before, " + run }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1), Cancel); // dispatch knows nothing of that send: keep the floor after it

        await using (var seed = fixture.DataSource.CreateCommand(
            """
            insert into campaigns.recipients (tenant_id, phone, sender_id, contacted_at)
            select tenant_id, $2, id, now() from campaigns.senders where id = $1
            """))
        {
            seed.Parameters.Add(new() { Value = lockedId });
            seed.Parameters.Add(new() { Value = contacted });
            await seed.ExecuteNonQueryAsync(Cancel);
        }

        var until = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", null);
        await EndToEnd.ReadAsync(
            await sandbox.PostAsJsonAsync($"/sandbox/instances/{locked}/timelock", new { until, mode = "error" }, Cancel), HttpStatusCode.OK);

        var campaign = await EndToEnd.StartCampaignAsync(fixture, client, run, phones, [lockedId, otherId]);
        var recurring = fixture.Factory.Services.GetRequiredService<IRecurringJobManager>();
        var done = await EndToEnd.PollAsync(
            client, $"/api/campaigns/{campaign}", c => c.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(40),
            () => recurring.Trigger(RecurringJobs.DispatchFailover));

        Assert.Equal(phones.Length, EndToEnd.Reached(done));
        var messages = (await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}/messages?limit=50", Cancel)).GetProperty("items").EnumerateArray();
        Assert.Equal(lockedId.ToString(), messages.Single(m => m.GetProperty("phone").GetString() == contacted).GetProperty("senderId").GetString());
        var restriction = (await client.GetFromJsonAsync<JsonElement>($"/api/senders/{lockedId}", Cancel)).GetProperty("restriction");
        Assert.Equal("reachout_timelock", restriction.GetProperty("kind").GetString());
        var sends = (await sandbox.GetFromJsonAsync<JsonElement>($"/sandbox/sends?instance={locked}", Cancel)).EnumerateArray().ToArray();
        Assert.Contains(sends, s => s.GetProperty("outcome").GetString() == "timelocked");
        Assert.All(
            sends.Where(s => s.GetProperty("outcome").GetString() == "sent"),
            s => Assert.Equal(contacted.TrimStart('+'), s.GetProperty("number").GetString()!.Split('@')[0]));
        await AssertAuditCleanAsync(sandbox, locked, other);
        var events = done.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToArray();
        Assert.Single(events, "sender_restricted");
        Assert.Contains("failover", events);
    }

    [Fact]
    public async Task Start_SenderWhoseEverySendAnswersError_HealthGuardPausesItWithTheReason()
    {
        using var client = await fixture.CreateTenantClientAsync();
        using var sandbox = fixture.CreateSandboxClient();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (instance, sender) = await EndToEnd.OpenSenderAsync(fixture, client, $"health-{run}");
        using (var restricted = await sandbox.PostAsync($"/sandbox/instances/{instance}/restriction", null, Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, restricted.StatusCode);
        }

        var campaign = await EndToEnd.StartCampaignAsync(fixture, client, run, Phones(7), [sender]);
        var paused = await EndToEnd.PollAsync(
            client, $"/api/senders/{sender}", s => s.GetProperty("paused").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(20));
        var counts = (await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaign}", Cancel)).GetProperty("counts");
        var resumed = await EndToEnd.ReadAsync(await client.PostAsync($"/api/senders/{sender}/resume", null, Cancel), HttpStatusCode.OK);

        Assert.Equal("health:gateway_errors", paused.GetProperty("paused").GetProperty("reason").GetString());
        Assert.Equal(5, counts.GetProperty("failed").GetInt32());
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("paused").ValueKind);
    }

    private static string[] Phones(int count) =>
        [.. Enumerable.Range(0, count * 2).Select(_ => $"+2547{Random.Shared.Next(10_000_000, 99_999_999)}").Distinct().Take(count)];

    private static async Task AssertAuditCleanAsync(HttpClient sandbox, params string[] instances)
    {
        var audit = await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/audit", Cancel);
        foreach (var instance in audit.GetProperty("instances").EnumerateArray().Where(a => instances.Contains(a.GetProperty("instance").GetString()!)))
        {
            foreach (var violation in instance.GetProperty("violations").EnumerateObject())
            {
                Assert.True(violation.Value.GetInt32() == 0, $"{instance.GetProperty("instance")}: {violation.Name} {violation.Value}");
            }
        }
    }
}
