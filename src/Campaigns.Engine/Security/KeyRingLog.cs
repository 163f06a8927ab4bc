using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Security;

/// <summary>Log events of the Data Protection key ring: EventIds 1900–1999. Never keys or passwords.</summary>
internal static partial class KeyRingLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning,
        Message = "The Data Protection key ring is stored unencrypted in campaigns.data_protection_keys, beside the gateway keys it protects " +
                  "(allowed outside Production only). Set DataProtection:CertificatePath and DataProtection:CertificatePassword to encrypt it.")]
    public static partial void Unencrypted(ILogger logger);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information,
        Message = "The Data Protection key ring is encrypted with certificate {Thumbprint} ({Subject}).")]
    public static partial void Encrypted(ILogger logger, string thumbprint, string subject);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning,
        Message = "{Count} Data Protection keys stored unencrypted before a certificate was set are now encrypted with it. " +
                  "Copies made before (database dumps, backups) still hold them in clear.")]
    public static partial void StoredKeysEncrypted(ILogger logger, int count);
}
