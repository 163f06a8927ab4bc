using Campaigns.Engine.Jobs;
using Campaigns.Tests.Shared;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Api.Tests.Jobs;

/// <summary>The dispatch loops as Hangfire jobs in a worker host: the watchdog starts one per slot.</summary>
public sealed class DispatchJobsTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly TestDatabase _database = new();
    private WebApplicationFactory<Program>? _host;

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task DispatchWatchdog_Triggered_RunsALoopJobOnEverySlot()
    {
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Campaigns", _database.ConnectionString);
            builder.UseSetting("Dispatch:Loops", "3");
            builder.UseSetting("Dispatch:MaxLoopsPerProcess", "3");
        });
        using var client = _host.CreateClient(); // starts the host and its Hangfire servers

        _host.Services.GetRequiredService<IRecurringJobManager>().Trigger(RecurringJobs.DispatchWatchdog);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        long running;
        do
        {
            await Task.Delay(200, Cancel);
            await using var command = _database.DataSource.CreateCommand(
                "select count(*) from campaigns.dispatch_loops where owner <> 'enqueued' and lease_until > now()");
            running = (long)(await command.ExecuteScalarAsync(Cancel))!;
        }
        while (running < 3 && DateTime.UtcNow < deadline);

        Assert.Equal(3, running);
    }

    [Fact]
    public async Task DispatchWatchdog_MoreSlotsThanThisProcessMayRun_RunsOnlyItsShare()
    {
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Campaigns", _database.ConnectionString);
            builder.UseSetting("Dispatch:Loops", "3");
            builder.UseSetting("Dispatch:MaxLoopsPerProcess", "1");
        });
        using var client = _host.CreateClient();

        _host.Services.GetRequiredService<IRecurringJobManager>().Trigger(RecurringJobs.DispatchWatchdog);

        // The three loop jobs run (two of them end at once); one slot is held by a running loop, the others by nobody.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long finished;
        do
        {
            await Task.Delay(200, Cancel);
            await using var command = _database.DataSource.CreateCommand(
                "select count(*) from hangfire.job where invocationdata::text like '%DispatchLoopJob%' and statename in ('Succeeded', 'Processing')");
            finished = (long)(await command.ExecuteScalarAsync(Cancel))!;
        }
        while (finished < 3 && DateTime.UtcNow < deadline);

        await using var running = _database.DataSource.CreateCommand(
            "select count(*) from campaigns.dispatch_loops where owner <> 'enqueued' and lease_until > now()");
        Assert.Equal(3, finished);
        Assert.Equal(1L, (long)(await running.ExecuteScalarAsync(Cancel))!);
    }
}
