extern alias sandbox;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Engine.Tenants;
using Campaigns.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using sandbox::Campaigns.Sandbox;

namespace Campaigns.Api.Tests.Senders;

/// <summary>
/// The API on a real Kestrel port (so that the gateway can post webhooks to it) with a database of its own, and a sandbox
/// gateway with two open instances, <c>alpha</c> and <c>beta</c>. A new instance made through <c>/instance/create</c>
/// waits for its QR to be scanned.
/// </summary>
public class SenderFixture : IAsyncLifetime
{
    public const string GlobalKey = "fixture-global-key";
    public const string AlphaToken = "ALPHA-TOKEN";
    public const string BetaToken = "BETA-TOKEN";

    private readonly TestDatabase _database = new();
    private readonly IReadOnlyDictionary<string, string?> _sandboxSettings;
    private WebApplicationFactory<Program>? _factory;
    private RunningSandbox? _sandbox;

    /// <summary>A number the sandbox's network says is not on WhatsApp.</summary>
    public const string NotOnWhatsApp = "+254799000111";

    public SenderFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A fixture whose sandbox also takes <paramref name="sandboxSettings"/> (e.g. a share of replying recipients).</summary>
    protected SenderFixture(IReadOnlyDictionary<string, string?> sandboxSettings) => _sandboxSettings = sandboxSettings;

    public Uri Sandbox => _sandbox?.BaseAddress ?? throw new InvalidOperationException("Not initialised.");

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not initialised.");

    internal Npgsql.NpgsqlDataSource DataSource => _database.DataSource;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = QuietSandbox.Settings(GlobalKey, ("alpha", AlphaToken, "254700000001"), ("beta", BetaToken, "447700900001"));
        settings["Sandbox:Network:AutoOpenAfterMs"] = "-1"; // a new instance waits for its QR to be scanned
        settings["Sandbox:Network:NotOnWhatsAppNumbers:0"] = NotOnWhatsApp.TrimStart('+');
        foreach (var (key, value) in _sandboxSettings)
        {
            settings[key] = value;
        }

        _sandbox = await SandboxHost.StartAsync(settings);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Campaigns", _database.ConnectionString);
            builder.UseSetting("Gateway:RequestTimeout", "00:00:05");
            builder.UseSetting("Gateway:ConnectTimeout", "00:00:02");
            builder.UseSetting("Gateway:RetryBaseDelay", "00:00:00.050");
            foreach (var (key, value) in TestSigningKeys.Settings(TestSigningKeys.Default))
            {
                builder.UseSetting(key, value);
            }
        });
        // A free port of its own: UseKestrel(0) fell back to 127.0.0.1:5000, so two fixtures at once collided.
        _factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
    }

    /// <summary>A client of a new tenant, over real HTTP: its requests carry that tenant's API key.</summary>
    public async Task<HttpClient> CreateTenantClientAsync()
    {
        var (_, key) = await new TenantStore(_database.DataSource).CreateAsync("tenant", TestContext.Current.CancellationToken);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("apikey", key);
        return client;
    }

    /// <summary>A client of the sandbox's own API, with its global key.</summary>
    public HttpClient CreateSandboxClient()
    {
        var client = new HttpClient { BaseAddress = Sandbox };
        client.DefaultRequestHeaders.Add("apikey", GlobalKey);
        return client;
    }

    /// <summary>
    /// Creates an instance through the sandbox's <c>/instance/create</c>, linked to <paramref name="number"/> when given, and
    /// scans its QR (it opens) unless told not to; returns its token.
    /// </summary>
    public static async Task<string> CreateInstanceAsync(HttpClient sandbox, string instance, string? number = null, bool scan = true)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var cancel = TestContext.Current.CancellationToken;
        var request = new JsonObject { ["instanceName"] = instance, ["integration"] = "WHATSAPP-BAILEYS", ["qrcode"] = true };
        if (number is not null)
        {
            request["number"] = number; // the gateway refuses a null number
        }

        using var created = await sandbox.PostAsJsonAsync("/instance/create", request, cancel);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(cancel);
        Assert.True(created.IsSuccessStatusCode, body.GetRawText());
        if (scan)
        {
            using var scanned = await sandbox.PostAsync($"/sandbox/instances/{instance}/scan", null, cancel);
            Assert.True(scanned.IsSuccessStatusCode);
        }

        var hash = body.GetProperty("hash");
        return hash.ValueKind == JsonValueKind.String ? hash.GetString()! : hash.GetProperty("apikey").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
