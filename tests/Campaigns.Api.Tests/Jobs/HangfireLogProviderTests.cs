using Campaigns.Api.Jobs;
using Microsoft.Extensions.Logging;

namespace Campaigns.Api.Tests.Jobs;

public sealed class HangfireLogProviderTests
{
    [Fact]
    public void GetLogger_FactoryOfAHostAlreadyDisposed_GivesASilentLogger()
    {
        var factory = LoggerFactory.Create(_ => { });
        var provider = new HangfireLogProvider(factory);
        factory.Dispose(); // the host that configured Hangfire last has stopped; other hosts of the process go on

        var log = provider.GetLogger("Hangfire.AutomaticRetryAttribute");

        Assert.False(log.Log(Hangfire.Logging.LogLevel.Warn, () => "a retry", null));
    }
}
