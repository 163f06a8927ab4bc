using Campaigns.Engine.Gateway;

namespace Campaigns.Engine.Tests.Gateway;

public sealed class GatewayTargetTests
{
    [Theory]
    [InlineData("http://evo.example.com", "http://evo.example.com/")]
    [InlineData("https://evo.example.com/evolution", "https://evo.example.com/evolution/")]
    [InlineData("https://evo.example.com/evolution/", "https://evo.example.com/evolution/")]
    public void Constructor_BaseUrl_EndsWithASlash(string url, string expected) =>
        Assert.Equal(expected, new GatewayTarget(new Uri(url), "sales", "KEY").BaseUrl.AbsoluteUri);

    [Theory]
    [InlineData("ftp://evo.example.com/")]
    [InlineData("https://user:password@evo.example.com/")]
    [InlineData("https://evo.example.com/?apikey=KEY")]
    [InlineData("https://evo.example.com/#x")]
    public void Constructor_UnsafeOrOddBaseUrl_Throws(string url) =>
        Assert.Throws<ArgumentException>(() => new GatewayTarget(new Uri(url), "sales", "KEY"));

    [Fact]
    public void Constructor_RelativeUrl_Throws() =>
        Assert.Throws<ArgumentException>(() => new GatewayServer(new Uri("/evolution", UriKind.Relative), "KEY"));

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        Assert.Equal("sales at https://evo.example.com/", new GatewayTarget(new Uri("https://evo.example.com"), "sales", "SECRET").ToString());
        Assert.DoesNotContain("SECRET", new GatewayServer(new Uri("https://evo.example.com"), "SECRET").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no answer for 5511999999999", "no answer for 55119*****999")]
    [InlineData("[{\"jid\":\"+254712345678@s.whatsapp.net\"}]", "[{\"jid\":\"+2547*****678@s.whatsapp.net\"}]")]
    [InlineData("Text is required", "Text is required")]
    public void Redact_MasksEveryPhoneNumber(string text, string expected) => Assert.Equal(expected, GatewayRedaction.Redact(text));
}
