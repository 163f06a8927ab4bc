using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Sandbox.Network;
using Campaigns.Sandbox.Webhooks;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Sandbox.Instances;

/// <summary>
/// The instances, from configuration and from <c>/instance/create</c>, and their connection lifecycle:
/// <c>close → connecting</c> (a new QR) <c>→ open</c> (scanned, or by itself after <c>AutoOpenAfterMs</c>) <c>→ close</c>.
/// Every change is announced with a <c>connection.update</c> webhook.
/// </summary>
internal sealed class InstanceRegistry
{
    private readonly ConcurrentDictionary<string, SandboxInstance> _instances = new(StringComparer.Ordinal);
    private readonly SandboxOptions _options;
    private readonly NetworkOptions _network;
    private readonly IClock _clock;
    private readonly TimeProvider _time;
    private readonly WebhookQueue _webhooks;
    private readonly WebhookStateFile _kept;
    private readonly ILogger<InstanceRegistry> _logger;
    private readonly CancellationToken _stopping;

    public InstanceRegistry(
        IOptions<SandboxOptions> options,
        IOptions<NetworkOptions> network,
        IClock clock,
        TimeProvider time,
        WebhookQueue webhooks,
        WebhookStateFile kept,
        IHostApplicationLifetime lifetime,
        ILogger<InstanceRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _options = options.Value;
        _network = network.Value;
        _clock = clock;
        _time = time;
        _webhooks = webhooks;
        _kept = kept;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        LoadConfigured();
    }

    public SandboxInstance? Find(string name) => _instances.GetValueOrDefault(name);

    public IReadOnlyList<SandboxInstance> All() => [.. _instances.Values.OrderBy(i => i.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Adds a new instance in state <c>close</c>, its days counted in its number's zone (UTC when unknown), or returns
    /// null when the name is taken. <paramref name="started"/> is false for <c>qrcode:false</c>: Baileys waits for a connect.
    /// </summary>
    public SandboxInstance? TryCreate(string name, string? token, string? number, WebhookSettings? webhook, bool started)
    {
        var instance = new SandboxInstance(
            name, Guid.NewGuid(), token ?? Guid.NewGuid().ToString().ToUpperInvariant(), number, name,
            NumberZones.Of(number) ?? DateTimeZone.Utc, dailyCap: null, ConnectionState.Close, _clock.GetCurrentInstant(), started)
        {
            Webhook = webhook,
        };
        if (!_instances.TryAdd(name, instance))
        {
            return null;
        }

        SandboxLog.InstanceCreated(_logger, name);
        return instance;
    }

    public bool Remove(string name)
    {
        if (!_instances.TryRemove(name, out _))
        {
            return false;
        }

        SandboxLog.InstanceDeleted(_logger, name);
        return true;
    }

    /// <summary>
    /// Starts linking: the instance becomes <c>connecting</c> with a new QR code, and then opens by itself after
    /// <c>AutoOpenAfterMs</c> (at once when 0) unless that is -1. Returns the QR as it was issued.
    /// </summary>
    public QrCodeResponse Connect(SandboxInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        instance.Start();
        var code = "2@" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) + "," + instance.InstanceId.ToString("N");
        var generation = instance.MoveTo(ConnectionState.Connecting, _clock.GetCurrentInstant());
        var snapshot = instance.Snapshot();
        var (qrCode, count) = generation is null && snapshot.QrCode is { } current
            ? (current, snapshot.QrCount)
            : instance.NextQrCode(code);
        var qr = new QrCodeResponse(null, qrCode, QrImage.DataUrl(qrCode), count);
        if (generation is { } changed)
        {
            Announce(instance, ConnectionState.Connecting, 200);
            _webhooks.Emit(instance, WebhookEvents.QrCodeUpdated, new JsonObject
            {
                ["qrcode"] = new JsonObject
                {
                    ["instance"] = instance.Name,
                    ["pairingCode"] = null,
                    ["code"] = qr.Code,
                    ["base64"] = qr.Base64,
                },
            });
            ScheduleAutoOpen(instance, changed);
        }

        return qr;
    }

    /// <summary>
    /// Opens the connection (a scan, or a demo's "it came back"). An instance created without a number gets one now,
    /// as a phone that scans the QR code brings its own (<see cref="LinkedNumber"/>), so <c>ownerJid</c> and the
    /// <c>connection.update</c>'s <c>wuid</c> name it.
    /// </summary>
    public void Open(SandboxInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        instance.StopFlap();
        instance.Start();
        if (instance.Number is null)
        {
            var number = LinkedNumber(_options.Seed, instance.Name);
            instance.LinkNumber(number);
            instance.TimeZone = NumberZones.Of(number) ?? instance.TimeZone;
        }

        if (instance.MoveTo(ConnectionState.Open, _clock.GetCurrentInstant()) is not null)
        {
            Announce(instance, ConnectionState.Open, 200);
        }
    }

    /// <summary>Closes the connection, as a logout (401) or a ban (403) does.</summary>
    public void Close(SandboxInstance instance, int statusReason)
    {
        ArgumentNullException.ThrowIfNull(instance);
        instance.StopFlap();
        if (instance.MoveTo(ConnectionState.Close, _clock.GetCurrentInstant(), statusReason) is not null)
        {
            Announce(instance, ConnectionState.Close, statusReason);
        }
    }

    /// <summary>
    /// Creates <paramref name="count"/> linked, open instances at once (for benchmarks): <c>{prefix}-1</c>… with numbers
    /// counting up from <paramref name="firstNumber"/> and tokens <c>{PREFIX}-1-TOKEN</c>…; null when a name is taken
    /// (then none is created).
    /// </summary>
    public IReadOnlyList<SandboxInstance>? CreateOpen(
        string prefix, int count, long firstNumber, DateTimeZone? zone, int? dailyCap, WebhookSettings? webhook)
    {
        var now = _clock.GetCurrentInstant();
        var created = new List<SandboxInstance>(count);
        for (var i = 1; i <= count; i++)
        {
            var name = $"{prefix}-{i}";
            var number = (firstNumber + i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var instance = new SandboxInstance(
                name, Guid.NewGuid(), $"{prefix.ToUpperInvariant()}-{i}-TOKEN", number, name,
                zone ?? NumberZones.Of(number) ?? DateTimeZone.Utc, dailyCap, ConnectionState.Open, now)
            {
                Webhook = webhook,
            };
            if (!_instances.TryAdd(name, instance))
            {
                created.ForEach(c => _instances.TryRemove(c.Name, out _));
                return null;
            }

            created.Add(instance);
        }

        return created;
    }

    /// <summary>
    /// Flaps a linked-but-not-open instance as the real gateway does: every <paramref name="interval"/> a
    /// <c>connection.update</c> <c>connecting</c> (statusReason 200), while <c>connectionState</c> flips between
    /// <c>connecting</c> and <c>close</c>; until it opens, the flap is stopped, or the sandbox is reset.
    /// </summary>
    public void Flap(SandboxInstance instance, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var token = instance.StartFlap(_stopping);

        // An open connection drops first, silently: Baileys reconnects on its own after a 428 (no connection.update close).
        instance.MoveTo(ConnectionState.Close, _clock.GetCurrentInstant(), 428);
        _ = FlapAsync();

        async Task FlapAsync()
        {
            try
            {
                while (!token.IsCancellationRequested && instance.Flip(_clock.GetCurrentInstant()) is not null)
                {
                    _webhooks.Emit(instance, WebhookEvents.ConnectionUpdate, new JsonObject
                    {
                        ["instance"] = instance.Name,
                        ["state"] = ConnectionState.Connecting,
                        ["statusReason"] = 200,
                    });
                    await Task.Delay(interval, _time, token);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped, replaced, reset or shutting down.
            }
        }
    }

    /// <summary>Back to configuration: created instances go, configured ones return to their first state.</summary>
    public void Reset()
    {
        foreach (var instance in _instances.Values)
        {
            instance.StopFlap();
        }

        _instances.Clear();
        _kept.Clear();
        LoadConfigured();
    }

    private void ScheduleAutoOpen(SandboxInstance instance, long generation)
    {
        var after = _network.AutoOpenAfterMs;
        if (after < 0)
        {
            return;
        }

        if (after == 0)
        {
            OpenIfStill(instance, generation);
            return;
        }

        _ = OpenLaterAsync();

        async Task OpenLaterAsync()
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(after), _time, _stopping);
                OpenIfStill(instance, generation);
            }
            catch (OperationCanceledException)
            {
                // Shutting down.
            }
        }
    }

    private void OpenIfStill(SandboxInstance instance, long generation)
    {
        if (instance.OpenIfStill(generation, _clock.GetCurrentInstant()))
        {
            Announce(instance, ConnectionState.Open, 200);
        }
    }

    /// <summary>The <c>connection.update</c> data of whatsapp.baileys.service.ts <c>connectionUpdate()</c>.</summary>
    private void Announce(SandboxInstance instance, string state, int statusReason)
    {
        SandboxLog.InstanceStateChanged(_logger, instance.Name, state);
        var data = new JsonObject { ["instance"] = instance.Name };
        if (state == ConnectionState.Open)
        {
            data["wuid"] = instance.OwnerJid;
            data["profileName"] = instance.ProfileName;
            data["profilePictureUrl"] = null;
        }

        data["state"] = state;
        data["statusReason"] = statusReason;
        _webhooks.Emit(instance, WebhookEvents.ConnectionUpdate, data);
    }

    private void LoadConfigured()
    {
        var now = _clock.GetCurrentInstant();
        foreach (var configured in _options.Instances)
        {
            var zone = configured.TimeZone is { } id
                ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)
                  ?? throw new InvalidOperationException($"Instance {configured.Name}: unknown time zone '{id}'.")
                : NumberZones.Of(configured.Number) ?? DateTimeZone.Utc;
            var instanceId = StableGuid(_options.Seed, "instance", configured.Name);
            var instance = new SandboxInstance(
                configured.Name,
                instanceId,
                configured.Token ?? StableGuid(_options.Seed, "token", configured.Name).ToString().ToUpperInvariant(),
                configured.Number,
                configured.ProfileName ?? configured.Name,
                zone,
                configured.DailyCap,
                configured.State,
                now)
            {
                Webhook = _kept.Find(configured.Name) ?? (configured.WebhookUrl is { } url
                    ? new WebhookSettings(
                        "cfg" + instanceId.ToString("N")[..21], true, url.ToString(), null, false, false, WebhookEvents.ConfigNames, now, now)
                    : null),
            };
            _instances[configured.Name] = instance;
        }
    }

    /// <summary>A UUID v4-shaped id that is the same in every run for the same seed and name.</summary>
    /// <summary>
    /// The number of the phone that links an instance created without one: a Kenyan mobile number (<c>2547</c> and eight
    /// digits) drawn from the seed and the instance's name, so a rerun links the same number.
    /// </summary>
    internal static string LinkedNumber(string seed, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\nnumber\n{name}"));
        var digits = BitConverter.ToUInt64(hash, 0) % 100_000_000UL;
        return "2547" + digits.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Guid StableGuid(string seed, string purpose, string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{purpose}\n{name}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
