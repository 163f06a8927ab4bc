using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;

namespace Campaigns.Engine.Tests.Gateway;

/// <summary>A gateway client that passes every call to <paramref name="inner"/>; a test overrides the calls it changes.</summary>
internal class DelegatingGateway(IGatewayClient inner) : IGatewayClient
{
    public virtual Task<GatewayMessage> SendTextAsync(GatewayTarget target, SendTextRequest request, CancellationToken cancellationToken) =>
        inner.SendTextAsync(target, request, cancellationToken);

    public virtual Task<InstanceConnectionState> GetConnectionStateAsync(GatewayTarget target, CancellationToken cancellationToken) =>
        inner.GetConnectionStateAsync(target, cancellationToken);

    public virtual Task<IReadOnlyList<WhatsAppNumber>> CheckWhatsAppNumbersAsync(GatewayTarget target, IReadOnlyList<string> numbers, CancellationToken cancellationToken) =>
        inner.CheckWhatsAppNumbersAsync(target, numbers, cancellationToken);

    public virtual Task<GatewayMessage> SendMediaAsync(GatewayTarget target, SendMediaRequest request, CancellationToken cancellationToken) =>
        inner.SendMediaAsync(target, request, cancellationToken);

    public virtual Task<GatewayMessage> SendWhatsAppAudioAsync(GatewayTarget target, SendWhatsAppAudioRequest request, CancellationToken cancellationToken) =>
        inner.SendWhatsAppAudioAsync(target, request, cancellationToken);

    public virtual Task<WebhookResponse> SetWebhookAsync(GatewayTarget target, WebhookSettings settings, CancellationToken cancellationToken) =>
        inner.SetWebhookAsync(target, settings, cancellationToken);

    public virtual Task<FindMessagesPage> FindMessagesAsync(GatewayTarget target, FindMessagesRequest request, CancellationToken cancellationToken) =>
        inner.FindMessagesAsync(target, request, cancellationToken);

    public virtual Task<CreateInstanceResponse> CreateInstanceAsync(GatewayServer server, CreateInstanceRequest request, CancellationToken cancellationToken) =>
        inner.CreateInstanceAsync(server, request, cancellationToken);

    public virtual Task<InstanceLink> ConnectInstanceAsync(GatewayTarget target, CancellationToken cancellationToken) =>
        inner.ConnectInstanceAsync(target, cancellationToken);

    public virtual Task<IReadOnlyList<FetchedInstance>> FetchInstancesAsync(GatewayServer server, string? instanceName, CancellationToken cancellationToken) =>
        inner.FetchInstancesAsync(server, instanceName, cancellationToken);

    public virtual Task DeleteInstanceAsync(GatewayServer server, string instanceName, CancellationToken cancellationToken) =>
        inner.DeleteInstanceAsync(server, instanceName, cancellationToken);
}
