using System.Text.Json;
using Campaigns.Engine.Replies;
using NodaTime;

namespace Campaigns.Engine.Tests.Replies;

public sealed class IncomingMessageTests
{
    private static readonly Instant ReceivedAt = Instant.FromUtc(2026, 3, 2, 10, 0);

    private static IncomingMessage? Read(string data) =>
        IncomingMessage.Read(JsonDocument.Parse($$"""{"event":"messages.upsert","data":{{data}}}""").RootElement, ReceivedAt);

    [Fact]
    public void Read_ImageWithCaption_TakesTheCaption() =>
        Assert.Equal("STOP", Read("""{"key":{"remoteJid":"254712345678@s.whatsapp.net","fromMe":false,"id":"A1"},"message":{"imageMessage":{"caption":"STOP"}}}""")?.Text);

    [Fact]
    public void Read_DisappearingMessage_UnwrapsItsTextAndQuote()
    {
        var message = Read(
            """{"key":{"remoteJid":"254712345678@s.whatsapp.net","fromMe":false,"id":"A1"},"message":{"ephemeralMessage":{"message":{"extendedTextMessage":{"text":"sair","contextInfo":{"stanzaId":"Q1"}}}}}}""");

        Assert.Equal(("sair", "Q1"), (message?.Text, message?.QuotedId));
    }

    [Fact]
    public void Read_V1StringTimestampAndDeviceSuffix_Read()
    {
        var message = Read("""{"key":{"remoteJid":"254712345678:12@s.whatsapp.net","fromMe":false,"id":"A1"},"message":{"conversation":"hi"},"messageTimestamp":"1772445000"}""");

        Assert.Equal(("+254712345678", Instant.FromUnixTimeSeconds(1772445000)), (message?.Phone, message?.SentAt));
    }

    [Fact]
    public void Read_TimestampFarFromArrival_TakesTheArrival() =>
        Assert.Equal(ReceivedAt, Read("""{"key":{"remoteJid":"254712345678@s.whatsapp.net","fromMe":false,"id":"A1"},"messageTimestamp":1717171800}""")?.SentAt);

    [Fact]
    public void Read_LongText_TruncatedTo4096WithoutHalvingASurrogatePair()
    {
        var text = new string('a', 4095) + "😀" + "tail";

        var message = Read(JsonSerializer.Serialize(new { key = new { remoteJid = "254712345678@s.whatsapp.net", fromMe = false, id = "A1" }, message = new { conversation = text } }));

        Assert.Equal(new string('a', 4095), message?.Text);
    }

    [Theory]
    [InlineData("""{"key":{"remoteJid":"254712345678@s.whatsapp.net","fromMe":false,"id":"A1"},"message":{"protocolMessage":{"type":0}}}""")] // a deletion
    [InlineData("""{"key":{"remoteJid":"254712345678@s.whatsapp.net","fromMe":false},"message":{"conversation":"hi"}}""")] // no id
    [InlineData("""{"key":{"remoteJid":"120363025246125486@g.us","participant":"254712345678@s.whatsapp.net","fromMe":false,"id":"A1"}}""")]
    [InlineData("""null""")]
    public void Read_NothingToApply_Null(string data) => Assert.Null(Read(data));

    [Fact]
    public void Read_LidWithoutAlt_NoPhoneButTheJid()
    {
        var message = Read("""{"key":{"remoteJid":"123456789012345@lid","fromMe":false,"id":"A1"},"message":{"conversation":"hi"}}""");

        Assert.Null(message?.Phone);
        Assert.Equal(["123456789012345@lid"], message?.Jids);
    }
}
