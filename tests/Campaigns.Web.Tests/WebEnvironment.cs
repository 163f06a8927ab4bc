extern alias sandbox;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Tenants;
using Campaigns.Tests.Shared;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using sandbox::Campaigns.Sandbox;

[assembly: AssemblyFixture(typeof(Campaigns.Web.Tests.WebEnvironment))]

namespace Campaigns.Web.Tests;

/// <summary>
/// What every browser test runs against, once per test run: one PostgreSQL database, one sandbox gateway, the API
/// (with its Hangfire server) on a free Kestrel port, and one headless Debian Chromium driven by Playwright. Each test
/// makes its own tenant and opens its own browser context, so tests share the hosts but no data or session.
/// </summary>
public sealed class WebEnvironment : IAsyncLifetime
{
    public const string GlobalKey = "web-tests-global-key";

    /// <summary>A phone's viewport (CSS pixels); pages are laid out for it as well as for the 1366×768 default.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };

    private readonly TestDatabase _database = new();
    private readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> _pageErrors = new();
    private WebApplicationFactory<Program>? _factory;
    private RunningSandbox? _sandbox;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri SandboxAddress => _sandbox?.BaseAddress ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>
    /// The demo's template: spintax and the contact's own columns keep every text of the sample to at most 10 recipients,
    /// so a campaign over <see cref="SamplePath"/> with it can be prepared.
    /// </summary>
    public const string SampleTemplate =
        "{Hi|Hello|Hey} {{ first_name }}! {Good news|Some news} for {{ city }}: your {{ plan }} plan {now has|gets} a {free upgrade|bonus month} {this week|until Sunday}.";

    /// <summary>samples/contacts.csv, copied next to the tests.</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "contacts.csv");

    internal Npgsql.NpgsqlDataSource DataSource => _database.DataSource;

    internal IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("Not initialised.");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = QuietSandbox.Settings(GlobalKey);
        settings["Sandbox:Network:AutoOpenAfterMs"] = "-1"; // a new instance waits for its QR to be scanned
        settings["Sandbox:Webhooks:MaxAttempts"] = "3";
        settings["Sandbox:Webhooks:RetryDelayScale"] = "0.01";
        _sandbox = await SandboxHost.StartAsync(settings);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Campaigns", _database.ConnectionString);
            builder.UseSetting("Gateway:RequestTimeout", "00:00:05");
            builder.UseSetting("Gateway:ConnectTimeout", "00:00:02");
            builder.UseSetting("Gateway:RetryBaseDelay", "00:00:00.050");
            builder.UseSetting("Hangfire:Dashboard:Username", "operator");
            builder.UseSetting("Hangfire:Dashboard:Password", "web-tests-operator");
            foreach (var (key, value) in TestSigningKeys.Settings(TestSigningKeys.Default))
            {
                builder.UseSetting(key, value);
            }
        });
        // A real port: the browser and the sandbox's webhooks reach the API over TCP.
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        // The dispatch loops start now rather than at the watchdog's first run, so a campaign started from a page sends at once.
        _factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(RecurringJobs.DispatchWatchdog);

        // Expectations wait up to 15 s (Playwright's default is 5 s): on CI's two cores the API, the sandbox, PostgreSQL,
        // Chromium and the other test projects share the machine, and a poll or a webhook can take that long.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keep it from calling out on a closed network.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>Debian's Chromium: CAMPAIGNS_CHROMIUM (scripts/test sets it from scripts/chromium.sh), else /usr/bin/chromium.</summary>
    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CAMPAIGNS_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Chromium not found at {path}: run scripts/chromium.sh (scripts/test does), or set CAMPAIGNS_CHROMIUM.");
    }

    /// <summary>A new tenant: its key, and a client of the API that carries it.</summary>
    public async Task<Tenant> CreateTenantAsync(string name = "Marketing")
    {
        var (_, key) = await new TenantStore(_database.DataSource).CreateAsync(name, Cancel);
        var client = _factory!.CreateClient();
        client.DefaultRequestHeaders.Add("apikey", key);
        return new Tenant(key, client);
    }

    /// <summary>A client of the sandbox's own API, with its global key.</summary>
    public HttpClient CreateSandboxClient()
    {
        var client = new HttpClient { BaseAddress = SandboxAddress };
        client.DefaultRequestHeaders.Add("apikey", GlobalKey);
        return client;
    }

    /// <summary>
    /// A page in a browser context of its own (its own sessionStorage), signed in as <paramref name="signedInAs"/> when given
    /// (the key is put in sessionStorage before the page's scripts run), at <paramref name="path"/> (a route such as
    /// "/lists", or "" for the page's own start). Uncaught errors, console errors (but the browser's own line for an
    /// HTTP error answer, which pages show themselves) and CSP refusals are collected for <see cref="AssertNoPageErrorsAsync"/>.
    /// </summary>
    public async Task<IPage> OpenAsync(Tenant? signedInAs, string path = "/", ViewportSize? viewport = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? Laptop,
            AcceptDownloads = true,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        if (signedInAs is not null)
        {
            await context.AddInitScriptAsync($"sessionStorage.setItem('campaigns.apiKey', {JsonSerializer.Serialize(signedInAs.Key)});");
        }

        var page = await context.NewPageAsync();
        var errors = _pageErrors.GetOrAdd(page, _ => new ConcurrentQueue<string>());
        page.PageError += (_, error) => errors.Enqueue($"uncaught: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Enqueue($"console: {message.Text}");
            }
        };
        var url = path.StartsWith('/') ? new Uri(BaseAddress, "/#" + path) : new Uri(BaseAddress, "/");
        await page.GotoAsync(url.AbsoluteUri);
        return page;
    }

    /// <summary>Fails when the page threw, logged an error or had something refused by its Content-Security-Policy.</summary>
    public Task AssertNoPageErrorsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var errors = _pageErrors.TryGetValue(page, out var queue) ? queue.ToArray() : [];
        Assert.True(errors.Length == 0, "The page reported errors:\n" + string.Join('\n', errors));
        return Task.CompletedTask;
    }

    /// <summary>axe-core's WCAG 2 A and AA rules on the page as it is now; fails listing every violation and where.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join('\n', v.Nodes.Take(5).Select(n => "    " + string.Join(' ', n.Target) + " " + n.Html)));
        Assert.True(result.Violations.Length == 0, "Accessibility violations:\n" + string.Join('\n', violations));
    }

    /// <summary>Saves a full-page screenshot as <c>&lt;name&gt;.png</c> into the folder CAMPAIGNS_SCREENSHOTS names (scripts/screenshots), else nothing.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable("CAMPAIGNS_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>Imports samples/contacts.csv for the tenant through the API; returns the list's id.</summary>
    public static async Task<Guid> ImportSampleAsync(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(await File.ReadAllBytesAsync(SamplePath, Cancel));
        form.Add(file, "file", "contacts.csv");
        using var response = await tenant.Api.PostAsync("/api/contact-lists", form, Cancel);
        var body = await ReadAsync(response);
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Creates a sandbox instance through its <c>/instance/create</c> (linked to a random Kenyan number), scanned (open)
    /// unless told not to; returns its token.
    /// </summary>
    public async Task<string> CreateSandboxInstanceAsync(string instance, bool scan)
    {
        using var sandbox = CreateSandboxClient();
        var request = new JsonObject
        {
            ["instanceName"] = instance, ["integration"] = "WHATSAPP-BAILEYS", ["qrcode"] = true,
            ["number"] = $"25471{Random.Shared.Next(1_000_000, 9_999_999)}",
        };
        using var created = await sandbox.PostAsJsonAsync("/instance/create", request, Cancel);
        var body = await ReadAsync(created);
        if (scan)
        {
            await ScanAsync(instance);
        }

        var hash = body.GetProperty("hash");
        return hash.ValueKind == JsonValueKind.String ? hash.GetString()! : hash.GetProperty("apikey").GetString()!;
    }

    /// <summary>"Scans" an instance's QR at the sandbox: it opens and posts its connection.update webhook.</summary>
    public async Task ScanAsync(string instance)
    {
        using var sandbox = CreateSandboxClient();
        using var scanned = await sandbox.PostAsync($"/sandbox/instances/{instance}/scan", null, Cancel);
        await ReadAsync(scanned);
    }

    /// <summary>
    /// A new open sandbox instance registered as the tenant's sender, on the floor profile with a small jitter, 60 days
    /// old (its full cap), so a campaign on it sends within seconds.
    /// </summary>
    public async Task<(string Instance, Guid SenderId)> AddOpenSenderAsync(Tenant tenant, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var instance = name ?? $"web-{Guid.NewGuid():N}"[..14];
        var token = await CreateSandboxInstanceAsync(instance, scan: true);
        using var registered = await tenant.Api.PostAsJsonAsync(
            "/api/senders", new { name = instance, gatewayUrl = SandboxAddress.AbsoluteUri, instance, instanceApiKey = token }, Cancel);
        var sender = (await ReadAsync(registered)).GetProperty("id").GetGuid();
        var activatedOn = DateTime.UtcNow.AddDays(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var patch = new StringContent(
            $$$"""{"activatedOn":"{{{activatedOn}}}","jitterMinMs":0,"jitterMaxMs":200,"typing":false,"pacing":{"profile":"floor"}}""",
            System.Text.Encoding.UTF8, "application/merge-patch+json");
        using var patched = await tenant.Api.PatchAsync($"/api/senders/{sender}", patch, Cancel);
        await ReadAsync(patched);
        return (instance, sender);
    }

    /// <summary>A successful answer's JSON body; anything else fails the test with the answer's body.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
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

/// <summary>A tenant of the tests: its API key and a client of the API that carries it.</summary>
public sealed record Tenant(string Key, HttpClient Api);
