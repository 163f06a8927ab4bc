using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Campaigns.Bench.Cluster;

/// <summary>
/// A self-signed certificate (password-protected PFX in the run's folder) that encrypts the Data Protection key ring, as
/// tests and <c>scripts/run</c> do: every Api process of a run gets the same one, so each reads the keys the others wrote.
/// </summary>
internal static class DevelopmentCertificate
{
    /// <summary>Writes the PFX under <paramref name="folder"/> and returns the configuration that points the Api at it.</summary>
    public static Dictionary<string, string> Create(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Campaigns bench", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var path = Path.Combine(folder, "dataprotection.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return new Dictionary<string, string>
        {
            ["DataProtection__CertificatePath"] = path,
            ["DataProtection__CertificatePassword"] = password,
        };
    }
}
