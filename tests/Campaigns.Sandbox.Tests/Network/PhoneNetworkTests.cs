using System.Globalization;
using System.Text;
using Campaigns.Sandbox.Network;
using Campaigns.Sandbox.Webhooks;
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
    public void ReplyText_StopShareOne_IsAnOptOutWordTypedInVariedCaseAndAccents()
    {
        var network = CreateSut(new NetworkOptions { StopShare = 1.0 });

        var texts = Enumerable.Range(0, 200).Select(i => network.ReplyText($"2547{i:D8}@s.whatsapp.net")).ToList();

        Assert.All(texts, t => Assert.Contains(Fold(t), OptOutWords));
        Assert.True(texts.Distinct(StringComparer.Ordinal).Count() >= 5, string.Join(", ", texts.Distinct()));
        Assert.Contains(texts, t => t.Any(char.IsLower));
        Assert.Contains(texts, t => t != t.Trim());
        Assert.Contains(texts, t => t.Normalize(NormalizationForm.FormD).Length != t.Length); // an accent
    }

    [Fact]
    public void ReplyText_StopShareZero_IsNeverAnOptOutWord()
    {
        var network = CreateSut(new NetworkOptions { StopShare = 0.0 });

        var texts = Enumerable.Range(0, 200).Select(i => network.ReplyText($"2547{i:D8}@s.whatsapp.net"));

        Assert.All(texts, t => Assert.DoesNotContain(Fold(t), OptOutWords));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.2, 200)]
    [InlineData(1.0, 1000)]
    public void Lid_Share_AddressesAboutThatShareOfNumbersByAStableLid(double share, int expected)
    {
        var network = CreateSut(new NetworkOptions(), new WebhookOptions { LidShare = share });

        var lids = Enumerable.Range(0, 1000).Select(i => network.Lid($"2547{i:D8}@s.whatsapp.net")).OfType<string>().ToList();

        Assert.InRange(lids.Count, expected - 50, expected + 50);
        Assert.All(lids, lid => Assert.Matches(@"^[1-9]\d{14}@lid$", lid));
        Assert.Equal(lids.Count, lids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(network.Lid("254700000007@s.whatsapp.net"), network.Lid("254700000007@s.whatsapp.net"));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 500)]
    [InlineData(1.0, 1000)]
    public void Quotes_Share_QuotesForAboutThatShareOfNumbers(double share, int expected)
    {
        var network = CreateSut(new NetworkOptions { QuoteShare = share });

        var quoting = Enumerable.Range(0, 1000).Count(i => network.Quotes($"2547{i:D8}@s.whatsapp.net"));

        Assert.InRange(quoting, expected - 50, expected + 50);
    }

    private static readonly string[] OptOutWords = ["STOP", "PARAR", "CANCELAR", "SAIR", "UNSUBSCRIBE"];

    /// <summary>The whole trimmed text, upper case, accents removed: how an opt-out keyword is matched.</summary>
    private static string Fold(string text) => new([.. text.Trim().Normalize(NormalizationForm.FormD)
        .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).Select(char.ToUpperInvariant)]);

    private static PhoneNetwork CreateSut(NetworkOptions options, WebhookOptions? webhooks = null) =>
        new(Options.Create(options), Options.Create(webhooks ?? new WebhookOptions()), Options.Create(new SandboxOptions { Seed = "tests" }));
}
