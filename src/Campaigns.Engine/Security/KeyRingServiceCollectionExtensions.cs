using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Security;

internal static class KeyRingServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection with its key ring in PostgreSQL (<see cref="PostgresXmlRepository"/>), encrypted with the
    /// certificate of <see cref="KeyRingOptions"/> (section <c>DataProtection</c>). A configured certificate that cannot be
    /// used throws here; a Production host without one fails its options validation at start.
    /// </summary>
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KeyRingOptions>()
            .BindConfiguration(KeyRingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();

        // Data Protection takes the certificate when services are registered (its decryption options are internal).
        var options = configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var (certificate, error) = KeyRingCertificate.Load(options);
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }

        var dataProtection = services.AddDataProtection().SetApplicationName("Campaigns");
        if (certificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        services.AddSingleton<PostgresXmlRepository>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(keyManagement =>
        {
            var repository = provider.GetRequiredService<PostgresXmlRepository>();
            keyManagement.XmlRepository = repository;
            var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
            var logger = loggerFactory.CreateLogger(typeof(KeyRingOptions));
            if (certificate is null)
            {
                KeyRingLog.Unencrypted(logger);
                return;
            }

            KeyRingLog.Encrypted(logger, certificate.Thumbprint, certificate.Subject);
            // Keys stored before the certificate was set would otherwise stay in clear until they expire (90 days).
            if (repository.EncryptStoredKeys(new CertificateXmlEncryptor(certificate, loggerFactory)) is > 0 and var count)
            {
                KeyRingLog.StoredKeysEncrypted(logger, count);
            }
        }));
        services.AddSingleton<SecretProtector>();
        return services;
    }
}
