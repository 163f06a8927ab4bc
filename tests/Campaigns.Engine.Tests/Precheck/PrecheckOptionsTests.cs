using Campaigns.Engine.Precheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Tests.Precheck;

public sealed class PrecheckOptionsTests
{
    [Fact]
    public void AddPrecheck_NoSettings_HasTheDocumentedDefaults()
    {
        var options = Options(new Dictionary<string, string?>());

        Assert.Equal(
            (TimeSpan.FromDays(30), 50, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 20),
            (options.CacheFor, options.BatchSize, options.CallInterval, options.CallJitter, options.MaxCallsPerRun));
    }

    [Theory]
    [InlineData("Precheck:BatchSize", "51")]
    [InlineData("Precheck:CallInterval", "00:00:00.500")]
    [InlineData("Precheck:CacheFor", "00:00:10")]
    [InlineData("Precheck:MaxCallsPerRun", "0")]
    public void AddPrecheck_ValueOutOfRange_FailsValidationNamingIt(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    private static PrecheckOptions Options(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddPrecheck();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<PrecheckOptions>>().Value;
    }
}
