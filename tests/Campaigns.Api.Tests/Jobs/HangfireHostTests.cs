using System.Net;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Tenants;
using Campaigns.Tests.Shared;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Jobs;

/// <summary>Prepare as a Hangfire job: the roles of a host, the enqueue, the sweeper, the tenant's slots; each test on a database of its own.</summary>
public sealed class HangfireHostTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly TestDatabase _database = new();
    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Prepare_HostWithBothRoles_PreparesThroughAHangfireJob()
    {
        var host = Host();
        var (client, _) = await TenantAsync(host);
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(5))))).GetProperty("id").GetGuid();

        using var prepare = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, prepare.StatusCode);
        var ready = await WaitForAsync(client, id, "ready");
        Assert.Equal(5, ready.GetProperty("prepareResult").GetProperty("ready").GetInt64());
        Assert.Equal(SucceededState.StateName, await WaitForJobStateAsync(id, SucceededState.StateName));
    }

    [Fact]
    public async Task Prepare_ApiRoleOnly_EnqueuesWithoutRunningItUntilAWorkerStarts()
    {
        var api = Host(("Campaigns:Roles", "api"));
        var (client, _) = await TenantAsync(api);
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(5))))).GetProperty("id").GetGuid();

        using var prepare = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, prepare.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel); // three queue polls: a server in this host would have taken it

        Assert.Equal("preparing", (await GetAsync(client, id)).GetProperty("status").GetString());
        Assert.Equal(EnqueuedState.StateName, JobState(await JobIdAsync(id)));

        var worker = Host(("Campaigns:Roles", "worker"));
        using var workerClient = worker.CreateClient();
        await WaitForAsync(client, id, "ready");
        // A worker serves no API.
        using var health = await workerClient.GetAsync("/health", Cancel);
        using var campaigns = await workerClient.GetAsync("/api/campaigns", Cancel);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (health.StatusCode, campaigns.StatusCode));
    }

    [Fact]
    public async Task Sweep_StatusWrittenButNothingEnqueued_IsPrepared()
    {
        var host = Host();
        var (client, _) = await TenantAsync(host);
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(5))))).GetProperty("id").GetGuid();
        // The sweep runs every minute: a minute turning during the wait below would take the campaign up before the
        // trigger does (CI saw it). Here it runs only when triggered.
        var jobs = host.Services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<PrepareSweepJob>(RecurringJobs.PrepareSweep, JobQueues.Default, job => job.RunAsync(CancellationToken.None), Cron.Never());
        // What a process that died between the status write and the enqueue leaves behind.
        await ExecuteAsync(
            "update campaigns.campaigns set status = 'preparing', recipients_total = 5, prepare_requested_at = now() - interval '1 hour' where id = $1", id);
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        Assert.Equal("preparing", (await GetAsync(client, id)).GetProperty("status").GetString()); // nothing else takes it up

        jobs.Trigger(RecurringJobs.PrepareSweep);

        await WaitForAsync(client, id, "ready");
    }

    [Fact]
    public async Task Prepare_TenantsSlotsTaken_ReschedulesTheJobAndPreparesOnceASlotFrees()
    {
        var host = Host(("Campaigns:Prepare:TenantBusyDelay", "00:00:01"));
        var (client, tenant) = await TenantAsync(host);
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(5))))).GetProperty("id").GetGuid();
        await using var elsewhere = await _database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(0, await PrepareLocks.TryTakeTenantSlotAsync(elsewhere, tenant, 1, Cancel)); // a prepare of another process

        using var prepare = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);

        await WaitForJobStateAsync(id, ScheduledState.StateName);
        Assert.Equal("preparing", (await GetAsync(client, id)).GetProperty("status").GetString());
        await PrepareLocks.ReleaseTenantSlotAsync(elsewhere, tenant, 0);
        await WaitForAsync(client, id, "ready");
    }

    private WebApplicationFactory<Program> Host(params (string Key, string? Value)[] settings)
    {
        var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Campaigns", _database.ConnectionString);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        _hosts.Add(host);
        return host;
    }

    private async Task<(HttpClient Client, TenantId Tenant)> TenantAsync(WebApplicationFactory<Program> host)
    {
        var (tenant, key) = await new TenantStore(_database.DataSource).CreateAsync("tenant", Cancel);
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("apikey", key);
        return (client, tenant);
    }

    private async Task<string> JobIdAsync(Guid campaign)
    {
        await using var command = _database.DataSource.CreateCommand("select prepare_job_id from campaigns.campaigns where id = $1");
        command.Parameters.Add(new() { Value = campaign });
        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private string? JobState(string jobId)
    {
        using var connection = _database.JobStorage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    private async Task<string> WaitForJobStateAsync(Guid campaign, string state)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var current = JobState(await JobIdAsync(campaign));
            if (current == state)
            {
                return current;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The prepare job is still {current}.");
            await Task.Delay(50, Cancel);
        }
    }

    private async Task ExecuteAsync(string sql, Guid campaign)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = campaign });
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
