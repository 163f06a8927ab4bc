using Campaigns.Domain.Tenants;
using Campaigns.Engine.Alerts;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Alerts;

/// <summary>Alert URLs set through <see cref="AlertService"/> and the delivery job, on a test class's database.</summary>
internal sealed class AlertKit(TestDatabase database)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public DispatchKit Dispatch { get; } = new(database);

    /// <summary>Test options: private addresses allowed (the receiver is on loopback), 2 s timeout.</summary>
    public static AlertOptions Options(Action<AlertOptions>? change = null)
    {
        var options = new AlertOptions { AllowPrivateAddresses = true, Timeout = TimeSpan.FromSeconds(2) };
        change?.Invoke(options);
        return options;
    }

    /// <summary>Sets the tenant's alert URL as <c>PUT /api/alerts</c> does; returns the secret.</summary>
    public async Task<string> SetUrlAsync(Guid tenant, Uri url)
    {
        var service = new AlertService(new AlertStore(Dispatch.DataSource), Dispatch.Protector, DispatchKit.Wrap(Options()));
        var setup = await service.SetAsync(new TenantId(tenant), url.AbsoluteUri, Cancel);
        return setup.Value.Secret;
    }

    public AlertDeliveryJob Job(AlertOptions? options = null)
    {
        options ??= Options();
        return new AlertDeliveryJob(
            Dispatch.DataSource,
            new HttpClient(AlertDeliveryJob.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan },
            Dispatch.Protector,
            DispatchKit.Wrap(options),
            SystemClock.Instance,
            NullLogger<AlertDeliveryJob>.Instance);
    }

    /// <summary>The tenant's waiting events, oldest first: type and data (as JSON text).</summary>
    public async Task<List<(string Type, System.Text.Json.JsonElement Data)>> OutboxAsync(Guid tenant)
    {
        await using var command = Dispatch.DataSource.CreateCommand("select type, data::text from campaigns.alert_outbox where tenant_id = $1 order by id");
        command.Parameters.Add(new() { Value = tenant });
        var events = new List<(string, System.Text.Json.JsonElement)>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            events.Add((reader.GetString(0), System.Text.Json.JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        }

        return events;
    }

    /// <summary>Makes every waiting event of the tenant due now (what the back-off's wait would do).</summary>
    public Task DueNowAsync(Guid tenant) =>
        Dispatch.ExecuteAsync("update campaigns.alert_outbox set next_attempt_at = now() where tenant_id = $1", tenant);
}
