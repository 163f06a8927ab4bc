using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Campaigns.Engine.Security;

/// <summary>Loads the certificate named by <see cref="KeyRingOptions"/>; every way it can be unusable is a message naming the setting.</summary>
internal static class KeyRingCertificate
{
    public const string Missing =
        "The Data Protection key ring must be encrypted at rest in Production: set DataProtection:CertificatePath to a PFX file " +
        "holding a certificate with its RSA private key, and DataProtection:CertificatePassword to its password " +
        "(environment: DataProtection__CertificatePath, DataProtection__CertificatePassword).";

    /// <summary>The certificate, or null when none is configured; or why the configured one cannot be used.</summary>
    public static (X509Certificate2? Certificate, string? Error) Load(KeyRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.CertificatePath))
        {
            return (null, null);
        }

        if (!File.Exists(options.CertificatePath))
        {
            return (null, $"DataProtection:CertificatePath: no file at '{options.CertificatePath}'.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }
        catch (CryptographicException e)
        {
            return (null, $"DataProtection:CertificatePath: '{options.CertificatePath}' cannot be read as PFX with DataProtection:CertificatePassword ({e.Message}).");
        }

        using var privateKey = certificate.GetRSAPrivateKey();
        if (privateKey is null)
        {
            certificate.Dispose();
            return (null, $"DataProtection:CertificatePath: '{options.CertificatePath}' holds no RSA private key (the key ring is decrypted with it).");
        }

        return (certificate, null);
    }
}
