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
    private DateTimeZone _timeZone;
    private bool _started;
    private CancellationTokenSource? _flap;
    private SandboxTimelock? _timelock;
    private bool _answersError;
    private string? _number;

    /// <param name="started">False for an instance created without <c>qrcode</c>: Baileys has not started until it connects.</param>
    public SandboxInstance(
        string name, Guid instanceId, string token, string? number, string profileName, DateTimeZone timeZone,
        int? dailyCap, string state, Instant createdAt, bool started = true)
    {
        Name = name;
        InstanceId = instanceId;
        Token = token;
        _number = number;
        ProfileName = profileName;
        _timeZone = timeZone;
        _started = started;
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
    public string? Number
    {
        get
        {
            lock (_gate)
            {
                return _number;
            }
        }
    }

    /// <summary>
    /// Records the number of the phone that linked (scanned the QR code) when the instance had none yet, as a real
    /// gateway learns its <c>ownerJid</c> from the phone; a number already known stays.
    /// </summary>
    public void LinkNumber(string number)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        lock (_gate)
        {
            _number ??= number;
        }
    }

    public string? OwnerJid => Number is null ? null : Number + Jid.UserSuffix;

    public string ProfileName { get; }

    /// <summary>The zone in which the audit counts this instance's days; a control call may change it.</summary>
    public DateTimeZone TimeZone
    {
        get
        {
            lock (_gate)
            {
                return _timeZone;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                _timeZone = value;
            }
        }
    }

    /// <summary>
    /// Whether Baileys runs for it: false only for an instance created without <c>qrcode</c> that was never connected,
    /// whose sends the real gateway answers with a 500 TypeError (its socket is undefined).
    /// </summary>
    public bool Started
    {
        get
        {
            lock (_gate)
            {
                return _started;
            }
        }
    }

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

    /// <summary>A scripted reach-out timelock, null when none; one whose end has passed reads as none.</summary>
    public SandboxTimelock? TimelockAt(Instant now)
    {
        lock (_gate)
        {
            return _timelock is { } timelock && timelock.Until > now ? timelock : null;
        }
    }

    /// <summary>Scripts a reach-out timelock (replacing any), or ends it (null).</summary>
    public void SetTimelock(SandboxTimelock? timelock)
    {
        lock (_gate)
        {
            _timelock = timelock;
        }
    }

    /// <summary>
    /// A scripted restriction of the account: every send is answered 201 with status ERROR (it does not leave), as a
    /// restricted or banned account's sends are.
    /// </summary>
    public bool AnswersError
    {
        get
        {
            lock (_gate)
            {
                return _answersError;
            }
        }

        set
        {
            lock (_gate)
            {
                _answersError = value;
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

    /// <summary>Marks Baileys as started (the first <c>connect</c>).</summary>
    public void Start()
    {
        lock (_gate)
        {
            _started = true;
        }
    }

    /// <summary>
    /// Starts a flap, replacing any running one: the returned token is cancelled when the flap is stopped or replaced.
    /// </summary>
    public CancellationToken StartFlap(CancellationToken stopping)
    {
        CancellationTokenSource? old;
        var flap = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        lock (_gate)
        {
            old = _flap;
            _flap = flap;
        }

        old?.Cancel();
        return flap.Token;
    }

    /// <summary>Stops a running flap, if any; says whether one ran.</summary>
    public bool StopFlap()
    {
        CancellationTokenSource? old;
        lock (_gate)
        {
            old = _flap;
            _flap = null;
        }

        old?.Cancel();
        return old is not null;
    }

    /// <summary>Flips between <c>connecting</c> and <c>close</c> while not open, as a real unlinked instance reports.</summary>
    public string? Flip(Instant now)
    {
        lock (_gate)
        {
            if (_state == ConnectionState.Open)
            {
                return null;
            }

            _state = _state == ConnectionState.Connecting ? ConnectionState.Close : ConnectionState.Connecting;
            _updatedAt = now;
            _generation++;
            return _state;
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
