using Campaigns.Engine.Gateway.Contract;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// The Evolution API calls Campaigns makes. Every call names its target (gateway base URL, instance, API key), so one
/// client serves every sender on every gateway.
/// </summary>
/// <remarks>
/// Failures: a call either returns, or throws <see cref="GatewayException"/> after the client has retried whatever may be
/// retried (see <see cref="GatewayRetryPolicy"/>) — callers and Hangfire must not retry it again. A send whose fate is
/// unknown throws <see cref="GatewayOutcomeUnknownException"/>: reconcile it, never resend it blindly. Cancelling a send
/// through <c>cancellationToken</c> after it started leaves its outcome unknown as well
/// (<see cref="OperationCanceledException"/> propagates).
/// </remarks>
internal interface IGatewayClient
{
    /// <summary><c>GET /instance/connectionState/{instance}</c>. Retried on transient failures.</summary>
    Task<InstanceConnectionState> GetConnectionStateAsync(GatewayTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST /chat/whatsappNumbers/{instance}</c>: which numbers have WhatsApp. Answers one entry per input number, in
    /// input order (the gateway answers in its own order; entries are matched by the echoed number). Duplicates are
    /// sent once. Retried on transient failures; the caller batches.
    /// </summary>
    Task<IReadOnlyList<WhatsAppNumber>> CheckWhatsAppNumbersAsync(
        GatewayTarget target, IReadOnlyList<string> numbers, CancellationToken cancellationToken);

    /// <summary><c>POST /message/sendText/{instance}</c> (201). Lasts at least the typing delay. Never retried once sent.</summary>
    Task<GatewayMessage> SendTextAsync(GatewayTarget target, SendTextRequest request, CancellationToken cancellationToken);

    /// <summary><c>POST /message/sendMedia/{instance}</c> (201): image, video, document or audio file. Never retried once sent.</summary>
    Task<GatewayMessage> SendMediaAsync(GatewayTarget target, SendMediaRequest request, CancellationToken cancellationToken);

    /// <summary><c>POST /message/sendWhatsAppAudio/{instance}</c> (201): a voice note. Never retried once sent.</summary>
    Task<GatewayMessage> SendWhatsAppAudioAsync(
        GatewayTarget target, SendWhatsAppAudioRequest request, CancellationToken cancellationToken);

    /// <summary><c>POST /webhook/set/{instance}</c> (201): an upsert, so retried on transient failures.</summary>
    Task<WebhookResponse> SetWebhookAsync(GatewayTarget target, WebhookSettings settings, CancellationToken cancellationToken);

    /// <summary><c>POST /chat/findMessages/{instance}</c>: one page of the gateway's stored messages, to reconcile sends.</summary>
    Task<FindMessagesPage> FindMessagesAsync(GatewayTarget target, FindMessagesRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST /instance/create</c> (201) with the gateway's global key. Not idempotent (a second create of the same name
    /// is refused with 403): retried only when nothing was sent; an unknown outcome throws
    /// <see cref="GatewayOutcomeUnknownException"/> (check with <see cref="FetchInstancesAsync"/>).
    /// </summary>
    Task<CreateInstanceResponse> CreateInstanceAsync(
        GatewayServer server, CreateInstanceRequest request, CancellationToken cancellationToken);

    /// <summary><c>GET /instance/connect/{instance}</c>: starts linking and answers the QR code, or that it is already open.</summary>
    Task<InstanceLink> ConnectInstanceAsync(GatewayTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// <c>GET /instance/fetchInstances</c>: the gateway's instances (with the global key), or only the instance whose
    /// token <paramref name="server"/> carries. With <paramref name="instanceName"/>, only that one (404 if unknown).
    /// Used to read an instance's current token when the stored one is stale (401).
    /// </summary>
    Task<IReadOnlyList<FetchedInstance>> FetchInstancesAsync(
        GatewayServer server, string? instanceName, CancellationToken cancellationToken);

    /// <summary>
    /// <c>DELETE /instance/delete/{instance}</c> with the gateway's global key (logs the instance out first). Used to undo
    /// an instance this API created when its registration as a sender failed. Retried on transient failures.
    /// </summary>
    Task DeleteInstanceAsync(GatewayServer server, string instanceName, CancellationToken cancellationToken);
}
