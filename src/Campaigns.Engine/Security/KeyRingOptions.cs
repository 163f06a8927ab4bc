using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Security;

/// <summary>
/// How the ASP.NET Core Data Protection key ring (<c>campaigns.data_protection_keys</c>) is encrypted at rest: with the
/// public key of an X.509 certificate, so that a dump of the database does not hold both the instance keys and the key
/// ring that decrypts them. Section <c>DataProtection</c> (environment: <c>DataProtection__CertificatePath</c>, …).
/// </summary>
/// <remarks>
/// Required in the Production environment (the host refuses to start without it); elsewhere the key ring may be stored
/// unencrypted, with a warning at start-up. Every server of a deployment needs the same certificate (with its private
/// key) to read the key ring. Keys stored in clear before a certificate was set are encrypted in place at start.
/// </remarks>
internal sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (PFX) file holding the certificate and its RSA private key.</summary>
    /// <value>Default: none (the key ring is stored unencrypted; refused in Production).</value>
    [MinLength(1)]
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>.</summary>
    /// <value>Default: none (a PFX without a password).</value>
    public string? CertificatePassword { get; set; }
}
