using Campaigns.Domain.Common;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Database;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Security;
using NodaTime;

namespace Campaigns.Engine.Senders;

/// <summary>Registers a tenant's Evolution servers with their master keys, checked with the gateway before they are stored.</summary>
internal sealed class GatewayRegistry(GatewayStore store, IGatewayClient gateway, SecretProtector secrets, IClock clock)
{
    public async Task<Result<RegisteredGateway>> RegisterAsync(
        TenantId tenant, string? name, string? url, string? apiKey, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["A name is required."];
        }

        if (!GatewayServer.TryParseBaseUrl(url, out var baseUrl))
        {
            errors["url"] = [$"'{url}' is not a gateway URL: give an absolute http(s) URL without credentials or query."];
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            errors["apiKey"] = ["The gateway's global API key is required."];
        }

        if (errors.Count > 0)
        {
            return SenderErrors.InvalidSettings(errors);
        }

        try
        {
            await gateway.FetchInstancesAsync(new GatewayServer(baseUrl!, apiKey!.Trim()), null, cancellationToken);
        }
        catch (GatewayException ex) when (ex.Failure is GatewayFailure.Unauthorized or GatewayFailure.Forbidden)
        {
            return new Error("gateway.key_refused", $"The gateway at {baseUrl} refused the API key ({ex.Failure}).", "apiKey");
        }
        catch (GatewayException ex)
        {
            return new Error("gateway.unreachable", $"The gateway at {baseUrl} could not be asked ({ex.Failure}).", "url");
        }

        var registered = new RegisteredGateway(GatewayId.New(), tenant, name!.Trim(), baseUrl!, secrets.Protect(apiKey!.Trim()), clock.Now());
        return await store.InsertAsync(registered, cancellationToken)
            ? registered
            : new Error("gateway.exists", $"{baseUrl} is already registered.", "url", ErrorKind.Conflict);
    }
}
