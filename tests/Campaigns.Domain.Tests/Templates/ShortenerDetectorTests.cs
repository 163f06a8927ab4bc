using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class ShortenerDetectorTests
{
    [Theory]
    [InlineData("Get it at https://bit.ly/abc", "bit.ly")]
    [InlineData("Get it at bit.ly/abc", "bit.ly")]
    [InlineData("Get it at HTTP://WWW.BIT.LY/abc", "bit.ly")]
    [InlineData("see tinyurl.com.", "tinyurl.com")]
    [InlineData("t.co/x", "t.co")]
    [InlineData("(goo.gl/x)", "goo.gl")]
    [InlineData("ow.ly is.gd", "ow.ly")]
    [InlineData("cutt.ly/a rebrand.ly/b buff.ly/c", "cutt.ly")]
    [InlineData("shorturl.at/xyz", "shorturl.at")]
    [InlineData("https://go.is.gd/q?x=1", "is.gd")]
    public void FirstHost_ShortenerLink_IsFound(string text, string expected) =>
        Assert.Equal(expected, ShortenerDetector.Default.FirstHost(text));

    [Theory]
    [InlineData("https://example.com/bit.ly")]
    [InlineData("notbit.ly/abc")]
    [InlineData("bit.lyrics.com")]
    [InlineData("write to me@bit.ly")]
    [InlineData("Hello, e.g. this")]
    [InlineData("smart.com")]
    public void FirstHost_NoShortener_IsNull(string text) => Assert.Null(ShortenerDetector.Default.FirstHost(text));

    [Fact]
    public void Find_ExtraHosts_AreRefusedToo()
    {
        var sut = new ShortenerDetector(["https://www.rb.gy/", "*.lnkd.in"]);

        var found = sut.Find("a rb.gy/1 b lnkd.in/2 c bit.ly/3");

        Assert.Equal(["rb.gy", "lnkd.in", "bit.ly"], found.Select(f => f.Host));
        Assert.Equal(2, found[0].Start);
    }
}
