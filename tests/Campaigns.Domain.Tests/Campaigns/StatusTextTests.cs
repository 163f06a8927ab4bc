using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Tests.Campaigns;

public sealed class StatusTextTests
{
    // How the API writes enums (Program.cs): the stored text must be the same.
    private static readonly JsonSerializerOptions ApiJson = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    [Fact]
    public void Name_EveryCampaignStatus_IsWhatTheApiWritesAndReadsBack()
    {
        foreach (var status in Enum.GetValues<CampaignStatus>())
        {
            var name = StatusText.Name(status);
            Assert.Equal(JsonSerializer.Serialize(status, ApiJson), $"\"{name}\"");
            Assert.True(StatusText.TryParse(name.ToUpperInvariant(), out CampaignStatus parsed));
            Assert.Equal(status, parsed);
        }
    }

    [Fact]
    public void Name_EveryMessageStatus_IsWhatTheApiWritesAndReadsBack()
    {
        foreach (var status in Enum.GetValues<MessageStatus>())
        {
            var name = StatusText.Name(status);
            Assert.Equal(JsonSerializer.Serialize(status, ApiJson), $"\"{name}\"");
            Assert.Equal(status, StatusText.ParseMessageStatus(name));
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("drafts")]
    [InlineData(null)]
    public void TryParse_NotAName_IsFalse(string? text) => Assert.False(StatusText.TryParse(text, out CampaignStatus _));
}
