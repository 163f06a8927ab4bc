using System.Security.Cryptography;
using Campaigns.Engine.Tests.Gateway;
using Campaigns.Engine.Security;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Tests.Security;

/// <summary>The Data Protection key ring in PostgreSQL, encrypted at rest with the certificate of section <c>DataProtection</c>.</summary>
public sealed class KeyRingTests : IAsyncLifetime, IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // A database per test: each test starts from an empty key ring.
    private readonly TestDatabase _database = new();
    private readonly TestCertificate _certificate = TestCertificate.Create();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    public void Dispose() => _certificate.Dispose();

    [Fact]
    public async Task Protect_WithCertificate_StoresNoKeyInClear()
    {
        using var host = CreateHost(Environments.Production, _certificate.Settings());

        host.Services.GetRequiredService<SecretProtector>().Protect("instance-key");

        var keys = await KeyRingXmlAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Unprotect_AnotherHostWithTheSameCertificate_ReadsTheSecret()
    {
        string stored;
        using (var first = CreateHost(Environments.Production, _certificate.Settings()))
        {
            stored = first.Services.GetRequiredService<SecretProtector>().Protect("instance-key");
        }

        using var second = CreateHost(Environments.Production, _certificate.Settings());
        using var withoutCertificate = CreateHost(Environments.Development, []);

        Assert.Equal("instance-key", second.Services.GetRequiredService<SecretProtector>().Unprotect(stored));
        Assert.ThrowsAny<CryptographicException>(() => withoutCertificate.Services.GetRequiredService<SecretProtector>().Unprotect(stored));
    }

    [Fact]
    public async Task Unprotect_CertificateSetAfterKeysWereStoredInClear_EncryptsThemAndStillReads()
    {
        string stored;
        using (var before = CreateHost(Environments.Development, []))
        {
            stored = before.Services.GetRequiredService<SecretProtector>().Protect("instance-key");
        }

        Assert.All(await KeyRingXmlAsync(), xml => Assert.Contains("masterKey", xml, StringComparison.Ordinal));

        using var after = CreateHost(Environments.Production, _certificate.Settings());
        Assert.Equal("instance-key", after.Services.GetRequiredService<SecretProtector>().Unprotect(stored));

        var keys = await KeyRingXmlAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
        });
        using var another = CreateHost(Environments.Production, _certificate.Settings());
        Assert.Equal("instance-key", another.Services.GetRequiredService<SecretProtector>().Unprotect(stored));
    }

    [Fact]
    public async Task StartAsync_ProductionWithoutCertificate_FailsNamingTheSetting()
    {
        using var host = CreateHost(Environments.Production, []);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Cancel));

        Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("Production", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DevelopmentWithoutCertificate_StartsAndWarnsThatTheKeysAreInClear()
    {
        var logs = new CapturedLogs();
        using var host = CreateHost(Environments.Development, [], logs);

        await host.StartAsync(Cancel);
        host.Services.GetRequiredService<SecretProtector>().Protect("instance-key");
        await host.StopAsync(Cancel);

        Assert.Contains(logs.Entries, e => e.EventId.Id == 1900 && e.Text.Contains("DataProtection:CertificatePath", StringComparison.Ordinal));
        Assert.All(await KeyRingXmlAsync(), xml => Assert.Contains("masterKey", xml, StringComparison.Ordinal));
    }

    [Fact]
    public void AddCampaignsEngine_CertificateWithWrongPassword_ThrowsNamingTheSetting()
    {
        var settings = _certificate.Settings();
        settings["DataProtection:CertificatePassword"] = "wrong";

        var error = Assert.Throws<InvalidOperationException>(() => CreateHost(Environments.Production, settings));

        Assert.Contains("DataProtection:CertificatePassword", error.Message, StringComparison.Ordinal);
    }

    private IHost CreateHost(string environment, Dictionary<string, string?> settings, CapturedLogs? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            DisableDefaults = true,
            Configuration = new ConfigurationManager(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddCampaignsEngine(_database.ConnectionString, builder.Configuration);
        return builder.Build();
    }

    private async Task<List<string>> KeyRingXmlAsync()
    {
        await using var command = _database.DataSource.CreateCommand("select xml from campaigns.data_protection_keys");
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var keys = new List<string>();
        while (await reader.ReadAsync(Cancel))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
