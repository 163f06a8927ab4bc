using Campaigns.Engine.Alerts;

namespace Campaigns.Engine.Tests.Alerts;

public sealed class AlertUrlTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://127.0.0.1/alerts", "127.0.0.1")]
    [InlineData("https://10.1.2.3/alerts", "10.1.2.3")]
    [InlineData("https://169.254.169.254/latest", "169.254.169.254")] // cloud metadata
    [InlineData("https://[::1]/alerts", "::1")]
    [InlineData("https://[::ffff:192.168.1.1]/alerts", "192.168.1.1")]
    [InlineData("https://localhost/alerts", "localhost")]
    public async Task CheckAsync_NonPublicAddress_RefusedNamingTheField(string url, string host)
    {
        var result = await AlertUrl.CheckAsync(url, allowPrivate: false, Cancel);

        Assert.False(result.IsSuccess);
        Assert.Equal("alerts.url_not_public", result.Error.Code);
        Assert.Equal("url", result.Error.Field);
        Assert.Contains(host, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "alerts.url_required")]
    [InlineData("  ", "alerts.url_required")]
    [InlineData("alerts.example", "alerts.url_invalid")]
    [InlineData("ftp://93.184.216.34/x", "alerts.url_invalid")]
    [InlineData("https://user:pass@93.184.216.34/x", "alerts.url_invalid")]
    [InlineData("http://93.184.216.34/x", "alerts.url_not_https")]
    [InlineData("https://no-such-host.invalid/x", "alerts.url_unresolvable")]
    public async Task CheckAsync_UnusableUrl_RefusedWithItsReason(string? url, string code)
    {
        var result = await AlertUrl.CheckAsync(url, allowPrivate: false, Cancel);

        Assert.Equal(code, result.IsSuccess ? "accepted" : result.Error.Code);
    }

    [Fact]
    public async Task CheckAsync_HttpsOnAPublicAddress_Accepted()
    {
        var result = await AlertUrl.CheckAsync("https://93.184.216.34/hooks/alerts?x=1", allowPrivate: false, Cancel);

        Assert.Equal("https://93.184.216.34/hooks/alerts?x=1", result.Value.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/alerts", true)]
    [InlineData("http://localhost:8080/alerts", true)]
    [InlineData("http://10.1.2.3/alerts", false)] // http only for this machine
    public async Task CheckAsync_PrivateAllowed_HttpOnlyForLoopback(string url, bool accepted)
    {
        var result = await AlertUrl.CheckAsync(url, allowPrivate: true, Cancel);

        Assert.Equal(accepted, result.IsSuccess);
    }
}
