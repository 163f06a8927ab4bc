using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Sandbox.Control;
using Campaigns.Sandbox.Gateway;
using Campaigns.Sandbox.Instances;
using Campaigns.Sandbox.Network;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Sandbox.Webhooks;

/// <summary>
/// Where events are emitted: each becomes a <see cref="WebhookDelivery"/> that <see cref="WebhookDispatcher"/> posts on
/// its own, with the body Evolution sends (<c>destination</c> is the webhook URL without the byEvents suffix,
/// <c>apikey</c> the instance token when <see cref="WebhookOptions.ExposeApiKey"/>). Messages' timelines
/// (SERVER_ACK → DELIVERY_ACK → READ → reply) run here, each step after its delay; events are posted in the order they
/// happen but, as from the real gateway, may arrive in another.
/// </summary>
internal sealed class WebhookQueue(
    IClock clock,
    TimeProvider time,
    SandboxSwitches switches,
    WebhookDispatcher dispatcher,
    IOptions<SandboxOptions> sandbox,
    IOptions<WebhookOptions> options,
    ILogger<WebhookQueue> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _timelines = new();
    private long _sequence;

    /// <summary>Emits an event now, if the instance's webhook wants it.</summary>
    public void Emit(SandboxInstance instance, string eventName, JsonNode data)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var settings = instance.Webhook;
        if (settings is null || !settings.Wants(eventName) || !settings.IsCallable)
        {
            return;
        }

        var envelope = new JsonObject
        {
            ["event"] = eventName,
            ["instance"] = instance.Name,
            ["data"] = data,
            ["destination"] = settings.Url,
            // Evolution writes local wall-clock time with a Z; the sandbox's server time is UTC.
            ["date_time"] = WireTime.Format(clock.GetCurrentInstant()),
            ["sender"] = instance.OwnerJid,
            ["server_url"] = sandbox.Value.ServerUrl,
            ["apikey"] = options.Value.ExposeApiKey ? instance.Token : null,
        };
        if (instance.OwnerJid is null)
        {
            // The real server's sender is the instance's wuid, undefined before a first connect: JSON leaves it out.
            envelope.Remove("sender");
        }
        var url = settings.ByEvents ? $"{settings.Url}/{WebhookEvents.PathSuffix(eventName)}" : settings.Url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            SandboxLog.WebhookUrlInvalid(logger, instance.Name, eventName);
            return;
        }

        var delivery = new WebhookDelivery(instance.Name, eventName, uri, Headers(settings), envelope.ToJsonString());
        CancellationToken epoch;
        lock (_gate)
        {
            epoch = _timelines.Token;
        }

        dispatcher.Post(delivery, epoch);
        var sequence = Interlocked.Increment(ref _sequence);
        var share = switches.Values.WebhookDuplicateShare;
        if (share > 0 && PhoneNetwork.Draw(sandbox.Value.Seed, "duplicate", sequence.ToString(CultureInfo.InvariantCulture)) < share)
        {
            dispatcher.Post(delivery, epoch);
        }
    }

    /// <summary>
    /// Runs a timeline in the background; a first step without delay is emitted before this returns. With the reorder
    /// switch on, the steps keep their times but run in reverse order.
    /// </summary>
    public void Schedule(SandboxInstance instance, IReadOnlyList<WebhookStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (switches.Values.WebhookReorder)
        {
            steps = [.. steps.Select((step, i) => steps[steps.Count - 1 - i] with { After = step.After })];
        }

        CancellationToken cancellationToken;
        lock (_gate)
        {
            cancellationToken = _timelines.Token;
        }

        _ = RunAsync(instance, steps, cancellationToken);
    }

    /// <summary>Forgets pending timelines, and posts and retries not yet delivered.</summary>
    public void Reset()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _timelines;
            _timelines = new CancellationTokenSource();
        }

        old.Cancel();
        old.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timelines.Cancel();
            _timelines.Dispose();
        }
    }

    private async Task RunAsync(SandboxInstance instance, IReadOnlyList<WebhookStep> steps, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var step in steps)
            {
                if (step.After > TimeSpan.Zero)
                {
                    await Task.Delay(step.After, time, cancellationToken);
                }

                step.OnReached?.Invoke();
                Emit(instance, step.Event, step.Data());
            }
        }
        catch (OperationCanceledException)
        {
            // Reset or shutdown: the rest of the timeline is forgotten on purpose.
        }
    }

    private Dictionary<string, string> Headers(WebhookSettings settings)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in settings.Headers ?? [])
        {
            if (value is null)
            {
                continue;
            }

            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
            if (name == "jwt_key")
            {
                headers["Authorization"] = "Bearer " + Jwt(text, clock.GetCurrentInstant().ToUnixTimeSeconds());
            }
            else
            {
                headers[name] = text;
            }
        }

        return headers;
    }

    /// <summary>Evolution's <c>jwt_key</c> header: an HS256 token <c>{iat, exp: iat+600, app, action}</c> signed with it.</summary>
    private static string Jwt(string key, long iat)
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}""");
        var payload = Base64Url($$"""{"iat":{{iat}},"exp":{{iat + 600}},"app":"evolution","action":"webhook"}""");
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
