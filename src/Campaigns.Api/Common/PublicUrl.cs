using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Common;

/// <summary>Where gateways reach this API: <c>Campaigns:PublicBaseUrl</c>, else the first URL the server listens on.</summary>
internal sealed class PublicUrl(IOptions<CampaignsOptions> options, IServer server)
{
    public Uri Base
    {
        get
        {
            var configured = options.Value.PublicBaseUrl;
            var url = !string.IsNullOrWhiteSpace(configured)
                ? configured
                : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
            return new Uri(url.EndsWith('/') ? url : url + "/");
        }
    }
}
