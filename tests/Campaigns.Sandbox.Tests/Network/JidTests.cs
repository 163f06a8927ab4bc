using Campaigns.Sandbox.Network;

namespace Campaigns.Sandbox.Tests.Network;

public sealed class JidTests
{
    [Theory]
    [InlineData("5511999999999", "5511999999999@s.whatsapp.net")]
    [InlineData("+1 (415) 555-0100", "14155550100@s.whatsapp.net")]
    [InlineData("120363000000000000", "120363000000000000@g.us")]
    [InlineData("120363000000000000@g.us", "120363000000000000@g.us")]
    [InlineData("5511999999999@s.whatsapp.net", "5511999999999@s.whatsapp.net")]
    [InlineData("123456789012345@lid", "123456789012345@lid")]
    public void FromNumber_Input_MakesTheJidEvolutionMakes(string number, string jid) =>
        Assert.Equal(jid, Jid.FromNumber(number));
}
