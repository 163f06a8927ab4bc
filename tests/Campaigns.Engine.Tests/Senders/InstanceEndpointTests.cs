using Campaigns.Engine.Senders;

namespace Campaigns.Engine.Tests.Senders;

public sealed class InstanceEndpointTests
{
    [Theory]
    [InlineData("http://localhost:8090/")]
    [InlineData("http://LOCALHOST:8090")]
    [InlineData("http://127.0.0.1:8090/")]
    [InlineData("http://127.0.0.2:8090/")]
    [InlineData("http://127.1:8090/")]
    [InlineData("http://2130706433:8090/")]
    [InlineData("http://[::1]:8090/")]
    [InlineData("http://[::ffff:127.0.0.1]:8090/")]
    [InlineData("http://0.0.0.0:8090/")]
    [InlineData("http://app.localhost:8090/")]
    public void Of_EverySpellingOfThisMachine_IsOneKey(string url) =>
        Assert.Equal("http://loopback:8090/alpha", InstanceEndpoint.Of(new Uri(url), "alpha"));

    [Theory]
    [InlineData("https://Evolution.Example.com/", "https://evolution.example.com:443/alpha")]
    [InlineData("https://evolution.example.com:443", "https://evolution.example.com:443/alpha")]
    [InlineData("http://evolution.example.com./api/", "http://evolution.example.com:80/api/alpha")]
    [InlineData("http://10.0.0.07:80/", "http://10.0.0.7:80/alpha")]
    [InlineData("http://[2001:DB8:0:0::1]:8080/", "http://[2001:db8::1]:8080/alpha")]
    public void Of_HostPortAndPath_AreCanonical(string url, string expected) =>
        Assert.Equal(expected, InstanceEndpoint.Of(new Uri(url), "alpha"));

    [Fact]
    public void Of_DifferentPortsPathsOrInstances_AreDifferentKeys()
    {
        var keys = new[]
        {
            InstanceEndpoint.Of(new Uri("http://localhost:8090/"), "alpha"),
            InstanceEndpoint.Of(new Uri("http://localhost:8091/"), "alpha"),
            InstanceEndpoint.Of(new Uri("http://localhost:8090/v2/"), "alpha"),
            InstanceEndpoint.Of(new Uri("http://localhost:8090/"), "Alpha"),
            InstanceEndpoint.Of(new Uri("https://localhost:8090/"), "alpha"),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}
