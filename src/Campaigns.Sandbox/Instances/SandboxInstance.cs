using Campaigns.Sandbox.Network;
using Campaigns.Sandbox.Webhooks;
using NodaTime;

namespace Campaigns.Sandbox.Instances;

/// <summary>One instance (one linked WhatsApp number). Its mutable state is read and changed under its own lock.</summary>
internal sealed class SandboxInstance
{
    private readonly Lock _gate = new();
    private string _state;
    private long _generation;
    private int _qrCount;
    private string? _qrCode;
    private int? _disconnectionReasonCode;
    private Instant? _disconnectionAt;
    private WebhookSettings? _webhook;
    private Instant _updatedAt;

    public SandboxInstance(
        string name, Guid instanceId, string token, string? number, string profileName, DateTimeZone timeZone,
        int? dailyCap, string state, Instant createdAt)
    {
        Name = name;
        InstanceId = instanceId;
        Token = token;
        Number = number;
        ProfileName = profileName;
        TimeZone = timeZone;
        DailyCap = dailyCap;
        _state = state;
        CreatedAt = createdAt;
        _updatedAt = createdAt;
    }

    public string Name { get; }

    /// <summary>Evolution's <c>instanceId</c>: a lower-case UUID, as in webhook data.</summary>
    public Guid InstanceId { get; }

    public string Token { get; }

    /// <summary>The linked account's number, digits only; null until linked when created without a number.</summary>
    public string? Number { get; }

    public string? OwnerJid => Number is null ? null : Number + Jid.UserSuffix;

    public string ProfileName { get; }

    public DateTimeZone TimeZone { get; }

    /// <summary>This instance's own cap for the audit, or null for the configured default.</summary>
    public int? DailyCap { get; }

    public Instant CreatedAt { get; }

    public string State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public WebhookSettings? Webhook
    {
        get
        {
            lock (_gate)
            {
                return _webhook;
            }
        }

        set
        {
            lock (_gate)
            {
                _webhook = value;
            }
        }
    }

    public InstanceSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new InstanceSnapshot(_state, _qrCount, _qrCode, _disconnectionReasonCode, _disconnectionAt, _updatedAt, _generation);
        }
    }

    /// <summary>Moves to <paramref name="state"/>; returns the new generation, or null when it was already there.</summary>
    public long? MoveTo(string state, Instant now, int? disconnectionReasonCode = null)
    {
        lock (_gate)
        {
            if (_state == state)
            {
                return null;
            }

            _state = state;
            _updatedAt = now;
            if (state == ConnectionState.Close)
            {
                _disconnectionReasonCode = disconnectionReasonCode;
                _disconnectionAt = now;
            }

            return ++_generation;
        }
    }

    /// <summary>A new QR code, as Baileys makes one each time it (re)connects.</summary>
    public (string Code, int Count) NextQrCode(string code)
    {
        lock (_gate)
        {
            _qrCode = code;
            return (code, ++_qrCount);
        }
    }

    /// <summary>Opens the connection only if nothing changed it since <paramref name="generation"/>.</summary>
    public bool OpenIfStill(long generation, Instant now)
    {
        lock (_gate)
        {
            if (_generation != generation || _state != ConnectionState.Connecting)
            {
                return false;
            }

            _state = ConnectionState.Open;
            _updatedAt = now;
            _generation++;
            return true;
        }
    }
}
