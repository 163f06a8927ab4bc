using Campaigns.Sandbox.Network;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox.Tests.Network;

public sealed class PhoneNetworkTests
{
    [Fact]
    public void Draw_SameSeedQuestionAndKey_IsStableAndInUnitInterval()
    {
        var first = PhoneNetwork.Draw("seed", "exists", "254711000001");

        Assert.Equal(first, PhoneNetwork.Draw("seed", "exists", "254711000001"));
        Assert.NotEqual(first, PhoneNetwork.Draw("other", "exists", "254711000001"));
        Assert.InRange(first, 0.0, 0.999999999);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.25, 250)]
    [InlineData(1.0, 1000)]
    public void IsOnWhatsApp_Share_MissesAboutThatShareOfNumbers(double share, int expected)
    {
        var network = CreateSut(new NetworkOptions { NotOnWhatsAppShare = share });

        var missing = Enumerable.Range(0, 1000).Count(i => !network.IsOnWhatsApp($"2547{i:D8}@s.whatsapp.net"));

        Assert.InRange(missing, expected - 50, expected + 50);
    }

    [Fact]
    public void IsOnWhatsApp_Overrides_WinOverTheShare()
    {
        var options = new NetworkOptions { NotOnWhatsAppShare = 1.0 };
        options.OnWhatsAppNumbers.Add("254711000001");
        var network = CreateSut(options);

        Assert.True(network.IsOnWhatsApp("254711000001@s.whatsapp.net"));
        Assert.False(network.IsOnWhatsApp("254711000002@s.whatsapp.net"));
        Assert.False(network.IsOnWhatsApp("@s.whatsapp.net"));
    }

    [Fact]
    public void ReplyText_StopShareOne_IsStop()
    {
        var network = CreateSut(new NetworkOptions { StopShare = 1.0 });

        Assert.Equal("STOP", network.ReplyText("254711000001@s.whatsapp.net"));
    }

    private static PhoneNetwork CreateSut(NetworkOptions options) =>
        new(Options.Create(options), Options.Create(new SandboxOptions { Seed = "tests" }));
}
