using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Campaigns.Engine.Gateway.Contract;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// The typed HttpClient for the Evolution API (v2 wire contract). Each call resolves its target's resilience pipeline
/// (<see cref="GatewayPipelines"/>), runs every attempt as a whole exchange (request, headers and body, under the
/// attempt timeout), and turns what comes back into a DTO or a <see cref="GatewayException"/>.
/// </summary>
internal sealed class EvolutionGatewayClient(
    HttpClient http,
    GatewayPipelines pipelines,
    IOptions<GatewayOptions> options,
    ILogger<EvolutionGatewayClient> logger) : IGatewayClient
{
    private const string GatewayWide = "(gateway)";

    private readonly GatewayOptions _options = options.Value;

    public async Task<InstanceConnectionState> GetConnectionStateAsync(GatewayTarget target, CancellationToken cancellationToken)
    {
        var request = ForInstance(GatewayCall.ConnectionState, HttpMethod.Get, target, "instance/connectionState", _options.RequestTimeout);
        var response = await CallAsync(request, GatewayJsonContext.Default.ConnectionStateResponse, cancellationToken);
        return response.Instance.State;
    }

    public async Task<IReadOnlyList<WhatsAppNumber>> CheckWhatsAppNumbersAsync(
        GatewayTarget target, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (numbers.Count == 0)
        {
            return [];
        }

        // The gateway's schema wants unique numbers; each distinct input is asked once and answered to every copy.
        var unique = new List<string>(numbers.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var number in numbers)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(number, nameof(numbers));
            if (seen.Add(number))
            {
                unique.Add(number);
            }
        }

        var request = ForInstance(
            GatewayCall.WhatsAppNumbers, HttpMethod.Post, target, "chat/whatsappNumbers", _options.RequestTimeout,
            Serialize(new WhatsAppNumbersRequest(unique), GatewayJsonContext.Default.WhatsAppNumbersRequest));
        var answers = await CallAsync(request, GatewayJsonContext.Default.ListWhatsAppNumber, cancellationToken);

        // Answers come in the gateway's order (broadcasts, groups, users) and echo each input verbatim: match by number.
        // Matching by digits as well tolerates a gateway or proxy that echoes "+254…" as "254…".
        var byNumber = new Dictionary<string, WhatsAppNumber>(StringComparer.Ordinal);
        var byDigits = new Dictionary<string, WhatsAppNumber>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            byNumber.TryAdd(answer.Number, answer);
            if (Digits(answer.Number) is { Length: > 0 } digits)
            {
                byDigits.TryAdd(digits, answer);
            }
        }

        var results = new WhatsAppNumber[numbers.Count];
        var missing = 0;
        for (var i = 0; i < numbers.Count; i++)
        {
            if (byNumber.TryGetValue(numbers[i], out var answer)
                || (Digits(numbers[i]) is { Length: > 0 } digits && byDigits.TryGetValue(digits, out answer)))
            {
                results[i] = answer;
            }
            else
            {
                missing++;
            }
        }

        if (missing > 0)
        {
            // Absent is not "not on WhatsApp": the caller must not skip a recipient on a guess.
            throw Failed(request, GatewayFailure.InvalidResponse, HttpStatusCode.OK, null,
                [$"no answer for {missing} of {numbers.Count} numbers"], null, null);
        }

        return results;
    }

    public Task<GatewayMessage> SendTextAsync(GatewayTarget target, SendTextRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Number, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Text, nameof(request)); // the gateway would answer 400 "Text is required"
        return SendAsync(
            GatewayCall.SendText, target, "message/sendText", request.Delay,
            Serialize(request, GatewayJsonContext.Default.SendTextRequest), cancellationToken);
    }

    public Task<GatewayMessage> SendMediaAsync(GatewayTarget target, SendMediaRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Number, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Media, nameof(request));
        if (request is { MediaType: GatewayMediaType.Document, FileName: null } && !request.Media.Contains("://", StringComparison.Ordinal))
        {
            // The gateway answers 400 "For base64 the file name must be informed."
            throw new ArgumentException("A base64 document needs a file name.", nameof(request));
        }
        return SendAsync(
            GatewayCall.SendMedia, target, "message/sendMedia", request.Delay,
            Serialize(request, GatewayJsonContext.Default.SendMediaRequest), cancellationToken);
    }

    public Task<GatewayMessage> SendWhatsAppAudioAsync(
        GatewayTarget target, SendWhatsAppAudioRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Number, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Audio, nameof(request));
        return SendAsync(
            GatewayCall.SendWhatsAppAudio, target, "message/sendWhatsAppAudio", request.Delay,
            Serialize(request, GatewayJsonContext.Default.SendWhatsAppAudioRequest), cancellationToken);
    }

    public Task<WebhookResponse> SetWebhookAsync(GatewayTarget target, WebhookSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = ForInstance(
            GatewayCall.SetWebhook, HttpMethod.Post, target, "webhook/set", _options.RequestTimeout,
            Serialize(new SetWebhookRequest(settings), GatewayJsonContext.Default.SetWebhookRequest));
        return CallAsync(request, GatewayJsonContext.Default.WebhookResponse, cancellationToken);
    }

    public async Task<FindMessagesPage> FindMessagesAsync(
        GatewayTarget target, FindMessagesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = ForInstance(
            GatewayCall.FindMessages, HttpMethod.Post, target, "chat/findMessages", _options.RequestTimeout,
            Serialize(request, GatewayJsonContext.Default.FindMessagesRequest));
        var response = await CallAsync(call, GatewayJsonContext.Default.FindMessagesResponse, cancellationToken);
        return response.Messages;
    }

    public Task<CreateInstanceResponse> CreateInstanceAsync(
        GatewayServer server, CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.InstanceName, nameof(request));
        var call = ForServer(
            GatewayCall.CreateInstance, HttpMethod.Post, server, "instance/create",
            Serialize(request, GatewayJsonContext.Default.CreateInstanceRequest));
        return CallAsync(call, GatewayJsonContext.Default.CreateInstanceResponse, cancellationToken);
    }

    public async Task<InstanceLink> ConnectInstanceAsync(GatewayTarget target, CancellationToken cancellationToken)
    {
        var request = ForInstance(GatewayCall.ConnectInstance, HttpMethod.Get, target, "instance/connect", _options.RequestTimeout);
        var response = await CallAsync(request, GatewayJsonContext.Default.ConnectInstanceResponse, cancellationToken);

        // This route reports its failures as 200 {"error": true, "message": "..."}.
        if (response.Error is true)
        {
            throw Failed(request, GatewayFailure.Rejected, HttpStatusCode.OK, "error", response.Message is null ? [] : [response.Message], null, null);
        }

        if (response.Instance is { } instance)
        {
            var state = instance.State is not InstanceConnectionState.Unknown ? instance.State : instance.Status;
            return new InstanceLink(state, HasCode(response.Qrcode) ? response.Qrcode : null);
        }

        // The bare QR shape: the instance is linking; the code may not be there yet (all fields empty).
        var qr = new QrCode(response.PairingCode, response.Code, response.Base64, response.Count);
        return new InstanceLink(InstanceConnectionState.Connecting, HasCode(qr) ? qr : null);
    }

    public async Task DeleteInstanceAsync(GatewayServer server, string instanceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceName);
        var request = ForServer(
            GatewayCall.DeleteInstance, HttpMethod.Delete, server, $"instance/delete/{Uri.EscapeDataString(instanceName)}", null);
        await CallAsync(request, GatewayJsonContext.Default.JsonElement, cancellationToken);
    }

    public async Task<IReadOnlyList<FetchedInstance>> FetchInstancesAsync(
        GatewayServer server, string? instanceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var route = string.IsNullOrWhiteSpace(instanceName)
            ? "instance/fetchInstances"
            : $"instance/fetchInstances?instanceName={Uri.EscapeDataString(instanceName)}";
        var request = ForServer(GatewayCall.FetchInstances, HttpMethod.Get, server, route, null);
        return await CallAsync(request, GatewayJsonContext.Default.ListFetchedInstance, cancellationToken);
    }

    private Task<GatewayMessage> SendAsync(
        GatewayCall call, GatewayTarget target, string route, int? delay, byte[] body, CancellationToken cancellationToken)
    {
        if (delay is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The typing delay cannot be negative.");
        }

        // The gateway holds a send for its whole typing delay before answering: the attempt timeout must outlast it.
        var timeout = _options.SendTimeout + TimeSpan.FromMilliseconds(delay ?? 0);
        var request = ForInstance(call, HttpMethod.Post, target, route, timeout, body);
        return CallAsync(request, GatewayJsonContext.Default.GatewayMessage, cancellationToken);
    }

    private async Task<T> CallAsync<T>(Request request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var response = await ExchangeAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailedAsync(request, response, cancellationToken);
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken)
                ?? throw new JsonException("The answer is null.");
        }
        catch (JsonException exception)
        {
            // A send that answered 2xx went out, but without its key.id it cannot be tracked: reconcile it.
            throw Failed(request, GatewayFailure.InvalidResponse, response.StatusCode, null, [exception.Message], null, exception);
        }
    }

    /// <summary>Runs the call through its pipeline; failures without an answer become <see cref="GatewayException"/>s.</summary>
    private async Task<HttpResponseMessage> ExchangeAsync(Request request, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.Get(request.PipelineKey);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(GatewayPipelines.CallKey, request.Call);
        context.Properties.Set(GatewayPipelines.AttemptTimeoutKey, request.AttemptTimeout);
        var started = pipelines.TimeProvider.GetTimestamp();
        try
        {
            var response = await pipeline.ExecuteAsync(
                static (attempt, state) => state.Client.AttemptAsync(state.Request, attempt.CancellationToken),
                context,
                (Client: this, Request: request));
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.CallCompleted(
                    request.Call, request.InstanceLabel, (int)response.StatusCode,
                    (long)pipelines.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (BrokenCircuitException exception)
        {
            throw Failed(request, GatewayFailure.CircuitOpen, null, null, [], null, exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw Failed(request, GatewayFailure.Timeout, null, null, [], null, exception, mayHaveBeenSent: true);
        }
        catch (HttpRequestException exception) when (GatewayRetryPolicy.WasNeverSent(exception))
        {
            throw Failed(request, GatewayFailure.Unreachable, null, null, [], null, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw Failed(request, GatewayFailure.ConnectionLost, null, null, [], null, exception, mayHaveBeenSent: true);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt: a fresh request message, and the whole answer read before the attempt timeout ends.</summary>
    private async ValueTask<HttpResponseMessage> AttemptAsync(Request request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        message.Headers.TryAddWithoutValidation("apikey", request.ApiKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<GatewayException> FailedAsync(Request request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        GatewayErrorBody? body = null;
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (bytes.Length > 0)
            {
                body = JsonSerializer.Deserialize(bytes, GatewayJsonContext.Default.GatewayErrorBody);
            }
        }
        catch (JsonException)
        {
            // Not the gateway's JSON (a proxy's HTML page, say): the status and reason phrase tell enough.
        }

        var status = response.StatusCode;
        var messages = body?.Messages ?? [];
        var nothingSent = ProvesNothingSent(request.Call, body, messages);
        var failure = (int)status switch
        {
            400 when body?.SaysNotOnWhatsApp is true => GatewayFailure.NotOnWhatsApp,
            400 when messages.Any(SaysDisconnected) => GatewayFailure.InstanceDisconnected,
            >= 500 when nothingSent && (messages.Any(SaysDisconnected) || messages.Any(SaysNeverStarted)) => GatewayFailure.InstanceDisconnected,
            401 => GatewayFailure.Unauthorized,
            403 => GatewayFailure.Forbidden,
            404 => GatewayFailure.NotFound,
            429 => GatewayFailure.RateLimited,
            >= 500 => GatewayFailure.ServerError,
            _ => GatewayFailure.Rejected,
        };

        // A 5xx to a send may come after WhatsApp took the message (Evolution answers 500 for errors it did not expect),
        // unless the gateway's own answer says where it stopped (see ProvesNothingSent).
        return Failed(
            request, failure, status, body?.Error ?? response.ReasonPhrase, messages,
            GatewayRetryPolicy.RetryAfter(response, pipelines.TimeProvider), null, mayHaveBeenSent: (int)status >= 500 && !nothingSent);
    }

    /// <summary>
    /// Whether a 5xx answer in Evolution's own envelope proves that a send stopped before anything went out
    /// (CONTRACT.md §1, checked against a real v2.3.6 server): "Connection Closed" / "Timed Out" (the number check on a
    /// closed socket, outside the send's try), the never-started instance's TypeError on <c>onWhatsApp</c>, and a media
    /// send's <c>AxiosError</c> (the download happens before the number check). Anything else (a proxy's 502, an error
    /// after Baileys took the message) proves nothing.
    /// </summary>
    private static bool ProvesNothingSent(GatewayCall call, GatewayErrorBody? body, IReadOnlyList<string> messages)
    {
        if (body?.Status is not >= 500 || messages.Count == 0)
        {
            return false;
        }

        return messages.Any(SaysDisconnected) || messages.Any(SaysNeverStarted)
            || (call is GatewayCall.SendMedia or GatewayCall.SendWhatsAppAudio
                && messages.Any(m => m.StartsWith("AxiosError", StringComparison.Ordinal)));
    }

    private static bool SaysNeverStarted(string message) =>
        message.Contains("(reading 'onWhatsApp')", StringComparison.Ordinal);

    private GatewayException Failed(
        Request request,
        GatewayFailure failure,
        HttpStatusCode? status,
        string? error,
        IReadOnlyList<string> messages,
        TimeSpan? retryAfter,
        Exception? inner,
        bool mayHaveBeenSent = false)
    {
        var unknown = (mayHaveBeenSent || failure is GatewayFailure.InvalidResponse) && !GatewayRetryPolicy.IsIdempotent(request.Call);
        if (unknown)
        {
            logger.OutcomeUnknown(inner, request.Call, request.InstanceLabel, failure, status);
            return new GatewayOutcomeUnknownException(request.Call, request.Instance, failure, status, error, messages, inner);
        }

        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.CallFailed(request.Call, request.InstanceLabel, failure, status, GatewayRedaction.Redact(string.Join("; ", messages)));
        }

        return new GatewayException(request.Call, request.Instance, failure, status, error, messages, retryAfter, inner);
    }

    private static bool SaysDisconnected(string message) =>
        message.Contains("Connection Closed", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Timed Out", StringComparison.OrdinalIgnoreCase)
        || message.Contains("No sessions", StringComparison.OrdinalIgnoreCase);

    private static bool HasCode(QrCode? qr) => qr is { Code: not null } or { Base64: not null } or { PairingCode: not null };

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private static Request ForInstance(
        GatewayCall call, HttpMethod method, GatewayTarget target, string route, TimeSpan attemptTimeout, byte[]? body = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new Request(
            call, method, new Uri(target.BaseUrl, $"{route}/{Uri.EscapeDataString(target.Instance)}"), target.ApiKey,
            new GatewayPipelineKey(target.BaseUrl.AbsoluteUri, target.Instance), target.Instance, attemptTimeout, body);
    }

    private Request ForServer(GatewayCall call, HttpMethod method, GatewayServer server, string route, byte[]? body) =>
        new(call, method, new Uri(server.BaseUrl, route), server.ApiKey,
            new GatewayPipelineKey(server.BaseUrl.AbsoluteUri, null), null, _options.RequestTimeout, body);

    /// <summary>Everything one call needs, fixed before its first attempt.</summary>
    private sealed record Request(
        GatewayCall Call,
        HttpMethod Method,
        Uri Uri,
        string ApiKey,
        GatewayPipelineKey PipelineKey,
        string? Instance,
        TimeSpan AttemptTimeout,
        byte[]? Body)
    {
        public string InstanceLabel => Instance ?? GatewayWide;

        public override string ToString() => $"{Call} {Uri}";
    }
}
