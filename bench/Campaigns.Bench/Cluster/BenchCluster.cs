using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Campaigns.Bench.Cluster;

/// <summary>
/// A small cluster on this machine: a fresh database on the bench's PostgreSQL, the sandbox gateway and N Api
/// processes (separate OS processes, Release builds, free ports, configured through the environment as a deployment
/// is), and a tenant. Disposing it kills the processes and drops the database.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    /// <summary>The sandbox's global key in every run.</summary>
    public const string SandboxKey = "bench-global-key";

    private readonly ClusterOptions _options;
    private readonly List<ServiceProcess> _apis = [];

    private BenchCluster(ClusterOptions options, string server, string database, string folder)
    {
        _options = options;
        Server = server;
        DatabaseName = database;
        ConnectionString = BenchPostgres.WithDatabase(server, database);
        Folder = folder;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Server { get; }

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    /// <summary>The run's folder (logs, the certificate): <c>.data/bench/&lt;name&gt;-&lt;time&gt;</c>.</summary>
    public string Folder { get; }

    /// <summary>For reading our record (<c>campaigns.messages</c>) directly.</summary>
    public NpgsqlDataSource DataSource { get; }

    public ServiceProcess Sandbox { get; private set; } = null!;

    public SandboxApi SandboxApi { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> Apis => _apis;

    /// <summary>The tenant's API key (the last line of the Api's <c>tenant create</c>).</summary>
    public string ApiKey { get; private set; } = "";

    /// <summary>PostgreSQL's postmaster, when the server runs on this machine (for its CPU time).</summary>
    public int? PostmasterPid { get; private set; }

    public static async Task<BenchCluster> StartAsync(ClusterOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'_'HHmmss", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Repository.Root, ".data", "bench", $"{options.Name}-{stamp}");
        Directory.CreateDirectory(folder);
        if (options.Build)
        {
            await Repository.BuildHostsAsync(log, cancellationToken);
        }

        var server = BenchPostgres.ServerConnectionString();
        var database = $"campaigns_bench_{options.Name}_{stamp}_{Environment.ProcessId}".ToLowerInvariant();
        await BenchPostgres.CreateDatabaseAsync(server, database, cancellationToken);
        var cluster = new BenchCluster(options, server, database, folder);
        try
        {
            await cluster.StartProcessesAsync(log, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of Api process <paramref name="index"/>, as the tenant.</summary>
    public CampaignsApi Api(int index) => new(_apis[index].BaseAddress, ApiKey);

    /// <summary>A client of the first Api process that is running.</summary>
    public CampaignsApi AnyLiveApi() =>
        new((_apis.FirstOrDefault(a => a.Pid is not null) ?? throw new InvalidOperationException("No Api process is running.")).BaseAddress, ApiKey);

    /// <summary>CPU-seconds so far of each of our processes (all incarnations) and of PostgreSQL (0 when not local).</summary>
    public CpuReading ReadCpu() => new(
        _apis.Append(Sandbox).ToDictionary(p => p.Name, p => p.CpuSeconds, StringComparer.Ordinal),
        PostmasterPid is { } postmaster ? ProcessCpu.PostgresSeconds(postmaster) : 0);

    /// <summary>
    /// The histogram <paramref name="name"/> of every running Api's <c>/metrics</c>, added up; empty where an Api has no
    /// <c>/metrics</c> (or not that histogram).
    /// </summary>
    public async Task<Histogram> ScrapeAsync(string name, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var sum = Histogram.Empty;
        foreach (var api in _apis.Where(a => a.Pid is not null))
        {
            using var response = await http.GetAsync(new Uri(api.BaseAddress, "metrics"), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                sum = sum.Plus(Histogram.Parse(await response.Content.ReadAsStringAsync(cancellationToken), name));
            }
        }

        return sum;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _apis)
        {
            await api.DisposeAsync();
        }

        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }

        SandboxApi?.Dispose();
        await DataSource.DisposeAsync();
        if (!_options.KeepDatabase)
        {
            await BenchPostgres.DropDatabaseAsync(Server, DatabaseName);
        }
    }

    private async Task StartProcessesAsync(TextWriter log, CancellationToken cancellationToken)
    {
        PostmasterPid = await BenchPostgres.PostmasterPidAsync(Server, cancellationToken);

        var sandboxPort = FreePort();
        var sandboxUrl = $"http://127.0.0.1:{sandboxPort.ToString(CultureInfo.InvariantCulture)}";
        Sandbox = new ServiceProcess("sandbox", Repository.SandboxDll, sandboxPort, SandboxEnvironment(sandboxUrl), "sandbox/switches", Folder);
        SandboxApi = new SandboxApi(Sandbox.BaseAddress);
        log.WriteLine($"starting the sandbox ({_options.Instances.Count} instances) on {sandboxUrl}…");
        await Sandbox.StartAsync(cancellationToken);

        var api = ApiEnvironment();
        // The tenant command migrates the new database first; the Api processes then start on a migrated one.
        var output = await ServiceProcess.RunOnceAsync(
            Repository.ApiDll, ["tenant", "create", "bench"],
            new Dictionary<string, string>(api) { ["Logging__Console__LogToStandardErrorThreshold"] = "Trace" },
            cancellationToken);
        ApiKey = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();

        for (var i = 1; i <= _options.ApiProcesses; i++)
        {
            _apis.Add(new ServiceProcess($"api-{i}", Repository.ApiDll, FreePort(), api, "health", Folder));
        }

        log.WriteLine($"starting {_apis.Count} Api processes on {string.Join(", ", _apis.Select(a => a.BaseAddress.ToString().TrimEnd('/')))}…");
        await Task.WhenAll(_apis.Select(a => a.StartAsync(cancellationToken)));
    }

    private Dictionary<string, string> ApiEnvironment()
    {
        var environment = new Dictionary<string, string>(DevelopmentCertificate.Create(Folder))
        {
            ["ConnectionStrings__Campaigns"] = ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = _options.LogLevel,
            // The bench is one tenant making thousands of calls (1,000 senders registered at once): not what the
            // per-tenant limits are for.
            ["RateLimits__TokenLimit"] = "1000000",
            ["RateLimits__TokensPerPeriod"] = "1000000",
        };
        foreach (var (key, value) in _options.ApiSettings)
        {
            environment[key] = value;
        }

        return environment;
    }

    private Dictionary<string, string> SandboxEnvironment(string url)
    {
        // Everyone on WhatsApp, no failures or replies (QuietSandbox of the tests), no typing delay: the run measures
        // the engine, not the scripted network. Acknowledgement webhooks keep their default delays.
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = _options.LogLevel == "Information" ? "Warning" : _options.LogLevel,
            ["Sandbox__ApiKey"] = SandboxKey,
            ["Sandbox__Seed"] = "bench",
            ["Sandbox__ServerUrl"] = url,
            ["Sandbox__Network__NotOnWhatsAppShare"] = "0",
            ["Sandbox__Network__FailShare"] = "0",
            ["Sandbox__Network__ReplyShare"] = "0",
            ["Sandbox__Network__TypingDelayScale"] = "0",
            ["Sandbox__Network__SendLatencyMinMs"] = _options.SendLatencyMs.Min.ToString(CultureInfo.InvariantCulture),
            ["Sandbox__Network__SendLatencyMaxMs"] = _options.SendLatencyMs.Max.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < _options.Instances.Count; i++)
        {
            var instance = _options.Instances[i];
            var prefix = $"Sandbox__Instances__{i.ToString(CultureInfo.InvariantCulture)}__";
            environment[prefix + "Name"] = instance.Name;
            environment[prefix + "Token"] = instance.Token;
            environment[prefix + "Number"] = instance.Number;
            environment[prefix + "TimeZone"] = "Africa/Nairobi";
        }

        foreach (var (key, value) in _options.SandboxSettings)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
