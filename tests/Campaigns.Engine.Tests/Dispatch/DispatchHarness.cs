using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Domain.Pacing;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Tests.Gateway;
using Campaigns.Sandbox;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>
/// A sandbox gateway on a free port with <see cref="Instances"/> open instances (<c>i0</c>…, token <c>TOKEN-iN</c>,
/// number <c>+2547009000NN</c>), the real gateway client against it, and dispatch loops over a test class's database.
/// </summary>
internal sealed class DispatchHarness : IAsyncDisposable
{
    public const int Instances = 14;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DispatchHarness(RunningSandbox sandbox, ServiceProvider services, DispatchKit kit)
    {
        Sandbox = sandbox;
        Services = services;
        Kit = kit;
    }

    public RunningSandbox Sandbox { get; }

    public ServiceProvider Services { get; }

    public DispatchKit Kit { get; }

    public IGatewayClient Client => Services.GetRequiredService<IGatewayClient>();

    public static async Task<DispatchHarness> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? sandboxSettings = null)
    {
        var instances = Enumerable.Range(0, Instances).Select(i => ($"i{i}", $"TOKEN-i{i}", Number(i).TrimStart('+'))).ToArray();
        var settings = QuietSandbox.Settings("global-key", instances);
        settings["Sandbox:Network:NotOnWhatsAppNumbers:0"] = "254799000000";
        foreach (var (key, value) in sandboxSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var sandbox = await SandboxHost.StartAsync(settings, cancellationToken: Cancel);
        var services = GatewayTestHost.Create(new Dictionary<string, string?>
        {
            ["Gateway:SendTimeout"] = "00:00:03",
            ["Gateway:RequestTimeout"] = "00:00:03",
            ["Gateway:MaxRetryAfter"] = "00:00:01",
        });
        return new DispatchHarness(sandbox, services, new DispatchKit(database));
    }

    public static string Number(int instance) => "+2547009000" + instance.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>A sender of instance <c>i{instance}</c> (its real token unless <paramref name="key"/> is given).</summary>
    public Task<TestSender> SenderAsync(Guid tenant, int instance, int jitterMinMs = 0, int jitterMaxMs = 0, string? key = null, int minIntervalMs = 1000) =>
        Kit.SenderAsync(
            tenant, Sandbox.BaseAddress, $"i{instance}", key ?? $"TOKEN-i{instance}", Number(instance), jitterMinMs, jitterMaxMs,
            minIntervalMs: minIntervalMs);

    public DispatchGateway Gateway(IGatewayClient? client = null) =>
        new(client ?? Client, Kit.Protector, DispatchKit.Wrap(new TypingOptions()), NullLogger<DispatchGateway>.Instance);

    public DispatchLoop Loop(DispatchOptions options, IGatewayClient? client = null, int seed = 11, DispatchMetrics? metrics = null)
    {
        var wrapped = DispatchKit.Wrap(options);
        var random = new SeededRandomSource(seed);
        metrics ??= Kit.Metrics;
        return new DispatchLoop(
            new DispatchClaimer(Kit.DataSource, wrapped, random, TimeProvider.System, metrics),
            Gateway(client),
            new DispatchCompleter(Kit.DataSource, wrapped, metrics, NullLogger<DispatchCompleter>.Instance),
            new DispatchSlots(Kit.DataSource, wrapped),
            Kit.DataSource,
            wrapped,
            random,
            TimeProvider.System,
            NullLogger<DispatchLoop>.Instance);
    }

    public DispatchReconciler Reconciler(DispatchOptions options, IGatewayClient? client = null) =>
        new(Kit.DataSource, Gateway(client), client ?? Client, DispatchKit.Wrap(options), NullLogger<DispatchReconciler>.Instance);

    /// <summary>Runs a loop on <paramref name="slot"/> until <paramref name="done"/> holds (checked every 50 ms), then stops it.</summary>
    public static async Task RunUntilAsync(DispatchLoop loop, Func<Task<bool>> done, int slot = 0, TimeSpan? within = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var run = loop.RunAsync(slot, stop.Token);
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await done())
        {
            if (DateTime.UtcNow > deadline || run.IsCompleted)
            {
                var ended = run.IsCompleted;
                await stop.CancelAsync();
                var sends = await run;
                Assert.Fail(ended ? $"The loop ended early after {sends} sends." : "The loop did not get there in time.");
            }

            await Task.Delay(50, Cancel);
        }

        await stop.CancelAsync();
        await run;
    }

    /// <summary>The sandbox's record of send attempts of one instance, oldest first.</summary>
    public async Task<List<JsonElement>> SendsAsync(int instance)
    {
        using var http = Sandbox.CreateClient();
        var all = await http.GetFromJsonAsync<JsonElement>("/sandbox/sends", Cancel);
        var items = all.ValueKind == JsonValueKind.Array ? all.EnumerateArray() : all.GetProperty("sends").EnumerateArray();
        return items.Where(s => s.GetProperty("instance").GetString() == $"i{instance}").ToList();
    }

    /// <summary>The sandbox audit's violations of one instance (rule → count).</summary>
    public async Task<Dictionary<string, int>> ViolationsAsync(int instance)
    {
        using var http = Sandbox.CreateClient();
        var audit = await http.GetFromJsonAsync<JsonElement>("/sandbox/audit", Cancel);
        var entry = audit.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("instance").GetString() == $"i{instance}");
        return entry.GetProperty("violations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }

    public async Task FaultAsync(int instance, string kind, int count = 1, int retryAfterSeconds = 1)
    {
        using var http = Sandbox.CreateClient();
        using var response = await http.PostAsJsonAsync(
            "/sandbox/faults", new { kind, count, retryAfterSeconds, instance = $"i{instance}" }, Cancel);
        response.EnsureSuccessStatusCode();
    }

    public async Task CloseAsync(int instance)
    {
        using var http = Sandbox.CreateClient();
        using var response = await http.PostAsync($"/sandbox/instances/i{instance}/close", null, Cancel);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
