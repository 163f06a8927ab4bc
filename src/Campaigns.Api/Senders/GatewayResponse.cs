using Campaigns.Engine.Senders;

namespace Campaigns.Api.Senders;

/// <summary>A registered gateway. Its key is deliberately absent.</summary>
internal sealed record GatewayResponse(Guid Id, string Name, string Url, DateTimeOffset CreatedAt)
{
    public static GatewayResponse From(RegisteredGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return new(gateway.Id.Value, gateway.Name, gateway.Url.AbsoluteUri, gateway.CreatedAt.ToDateTimeOffset());
    }
}
