using Campaigns.Domain.Replies;

namespace Campaigns.Domain.Tests.Replies;

public sealed class OptOutKeywordsTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("Stop")]
    [InlineData("  stop  ")]
    [InlineData("stop!")]
    [InlineData("Stop.")]
    [InlineData("¡Stop!")]
    [InlineData("stop all")]
    [InlineData("opt-out")]
    [InlineData("  PARAR  ")]
    [InlineData("cancelár")]
    [InlineData("Sair")]
    [InlineData("baja")]
    [InlineData("ARRÊT")]
    [InlineData("unsubscribe 🛑")]
    public void Read_DefaultStopWordAsTheWholeMessage_Stop(string text) =>
        Assert.Equal(OptOutIntent.Stop, OptOutKeywords.Default.Read(text));

    [Theory]
    [InlineData("please don't stop")]
    [InlineData("Stop sending me these")]
    [InlineData("stopping")]
    [InlineData("the end")]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData(null)]
    public void Read_NotJustAKeyword_None(string? text) =>
        Assert.Equal(OptOutIntent.None, OptOutKeywords.Default.Read(text));

    [Theory]
    [InlineData("START")]
    [InlineData("start.")]
    [InlineData("Unstop")]
    [InlineData("alta")]
    public void Read_ResubscribeWord_Start(string text) =>
        Assert.Equal(OptOutIntent.Start, OptOutKeywords.Default.Read(text));

    [Fact]
    public void With_TenantWords_AddedToTheDefaults()
    {
        var words = OptOutKeywords.Default.With(["Basta ya", "Não quero"]);

        Assert.Equal(OptOutIntent.Stop, words.Read("¡BASTA YA!"));
        Assert.Equal(OptOutIntent.Stop, words.Read("nao quero"));
        Assert.Equal(OptOutIntent.Stop, words.Read("STOP"));
        Assert.Equal(OptOutIntent.None, OptOutKeywords.Default.Read("basta ya"));
    }

    [Fact]
    public void Read_WordBothWays_StartWins() =>
        Assert.Equal(OptOutIntent.Start, new OptOutKeywords(["GO"], ["go"]).Read("Go!"));

    [Theory]
    [InlineData("Cancelár", "CANCELAR")]
    [InlineData(" opt-out! ", "OPTOUT")]
    [InlineData("Ça suffit", "CASUFFIT")]
    [InlineData("стоп", "СТОП")]
    public void Normalize_AccentsCasePunctuationAndSpaces_Removed(string text, string expected) =>
        Assert.Equal(expected, OptOutText.Normalize(text));
}
