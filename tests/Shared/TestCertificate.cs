using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Campaigns.Tests.Shared;

/// <summary>A self-signed RSA certificate written as a password-protected PFX file, for the Data Protection key ring.</summary>
internal sealed class TestCertificate : IDisposable
{
    private TestCertificate(string path, string password)
    {
        Path = path;
        Password = password;
    }

    public string Path { get; }

    public string Password { get; }

    public static TestCertificate Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Campaigns tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Guid.NewGuid().ToString("N");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"campaigns-test-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return new TestCertificate(path, password);
    }

    /// <summary>The configuration keys that make a host encrypt its key ring with this certificate.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["DataProtection:CertificatePath"] = Path,
        ["DataProtection:CertificatePassword"] = Password,
    };

    public void Dispose() => File.Delete(Path);
}
