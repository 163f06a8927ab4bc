using Microsoft.AspNetCore.DataProtection;

namespace Campaigns.Engine.Security;

/// <summary>Encrypts the gateway keys we store (instance keys, gateway master keys); they are never returned or logged.</summary>
internal sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Campaigns.GatewayKeys.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
