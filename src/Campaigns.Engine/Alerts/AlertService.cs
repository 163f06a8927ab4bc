using Campaigns.Domain.Common;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Security;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Alerts;

/// <summary>Setting a tenant's alert URL: the URL's rules (<see cref="AlertUrl"/>) and a new signing secret each time.</summary>
internal sealed class AlertService(AlertStore store, SecretProtector protector, IOptions<AlertOptions> options)
{
    /// <summary>
    /// Checks <paramref name="url"/> and sets it with a new secret (256 random bits, <see cref="SecretToken"/>), stored
    /// encrypted because signing needs it; the secret is returned this once.
    /// </summary>
    public async Task<Result<AlertSetup>> SetAsync(TenantId tenant, string? url, CancellationToken cancellationToken)
    {
        var checkedUrl = await AlertUrl.CheckAsync(url, options.Value.AllowPrivateAddresses, cancellationToken);
        if (!checkedUrl.IsSuccess)
        {
            return checkedUrl.Error;
        }

        var secret = SecretToken.Generate();
        await store.SetAsync(tenant, checkedUrl.Value, protector.Protect(secret), cancellationToken);
        return new AlertSetup(checkedUrl.Value, secret);
    }
}
