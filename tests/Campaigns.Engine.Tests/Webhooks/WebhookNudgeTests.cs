using Campaigns.Engine.Webhooks;
using Campaigns.Tests.Shared;
using Hangfire;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Engine.Tests.Webhooks;

public sealed class WebhookNudgeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public void Poke_ABurst_EnqueuesOneRunAfterTheDelayAndTheNextBurstAnother()
    {
        var time = new FakeTimeProvider();
        using var nudge = CreateSut(time);
        var monitor = database.JobStorage.GetMonitoringApi();
        var before = monitor.EnqueuedCount("default");

        for (var i = 0; i < 1_000; i++)
        {
            nudge.Poke();
        }

        var beforeTheDelay = monitor.EnqueuedCount("default") - before;
        time.Advance(TimeSpan.FromMilliseconds(99));
        var justBefore = monitor.EnqueuedCount("default") - before;
        time.Advance(TimeSpan.FromMilliseconds(1));
        var afterTheDelay = monitor.EnqueuedCount("default") - before;
        time.Advance(TimeSpan.FromSeconds(5)); // quiet: nothing more
        var quiet = monitor.EnqueuedCount("default") - before;
        for (var i = 0; i < 100; i++)
        {
            nudge.Poke();
        }

        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal((0, 0, 1, 1, 2), (beforeTheDelay, justBefore, afterTheDelay, quiet, monitor.EnqueuedCount("default") - before));
        var job = monitor.EnqueuedJobs("default", 0, 10).Select(j => j.Value.Job).First();
        Assert.Equal((typeof(WebhookProcessJob), nameof(WebhookProcessJob.RunAsync)), (job.Type, job.Method.Name));
    }

    [Fact]
    public void Poke_Steadily_EnqueuesARunEveryDelayNotOnlyWhenThePokesStop()
    {
        var time = new FakeTimeProvider();
        using var nudge = CreateSut(time);
        var monitor = database.JobStorage.GetMonitoringApi();
        var before = monitor.EnqueuedCount("default");

        // A poke every 20 ms for 300 ms: a webhook arriving under load waits at most the delay (not for a pause).
        for (var i = 0; i < 15; i++)
        {
            nudge.Poke();
            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(3, monitor.EnqueuedCount("default") - before);
    }

    private WebhookNudge CreateSut(TimeProvider time) =>
        new(new BackgroundJobClient(database.JobStorage), Options.Create(new WebhookOptions()), time, NullLogger<WebhookNudge>.Instance);
}
