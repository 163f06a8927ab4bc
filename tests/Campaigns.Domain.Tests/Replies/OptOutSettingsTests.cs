using Campaigns.Domain.Replies;

namespace Campaigns.Domain.Tests.Replies;

public sealed class OptOutSettingsTests
{
    [Fact]
    public void Create_ValidSettings_TrimsAndDropsDuplicateForms()
    {
        var settings = OptOutSettings.Create(["  Basta ", "BASTA!", "Chega"], "  You will get no more messages. ", " ", OptOutKeywords.Default);

        Assert.True(settings.IsSuccess);
        Assert.Equal(["Basta", "Chega"], settings.Value.Keywords);
        Assert.Equal("You will get no more messages.", settings.Value.Confirmation);
        Assert.Null(settings.Value.ResubscribeConfirmation);
    }

    [Fact]
    public void Create_BadKeywords_NamesEachByItsIndex()
    {
        var settings = OptOutSettings.Create(["ok", new string('x', 41), "?!", "START", null], null, null, OptOutKeywords.Default);

        Assert.False(settings.IsSuccess);
        var errors = Assert.IsType<Dictionary<string, string[]>>(settings.Error.Details["errors"]);
        Assert.Equal(["keywords[1]", "keywords[2]", "keywords[3]", "keywords[4]"], errors.Keys.Order());
    }

    [Fact]
    public void Create_TooManyKeywords_NamesTheField()
    {
        var settings = OptOutSettings.Create(Enumerable.Range(0, 51).Select(i => $"word{i}").ToArray(), null, null, OptOutKeywords.Default);

        Assert.Equal(("opt_out.too_many_keywords", "keywords"), (settings.Error.Code, settings.Error.Field));
    }

    [Fact]
    public void Create_ConfirmationTooLong_NamesTheField()
    {
        var settings = OptOutSettings.Create([], null, new string('a', 4097), OptOutKeywords.Default);

        Assert.Equal(("opt_out.confirmation_too_long", "resubscribeConfirmation"), (settings.Error.Code, settings.Error.Field));
    }

    [Fact]
    public void Create_ExactlyTheLimits_Accepted() =>
        Assert.True(OptOutSettings.Create(
            Enumerable.Range(0, 50).Select(i => $"{i:D2}" + new string('k', 38)).ToArray(),
            new string('c', 4096), null, OptOutKeywords.Default).IsSuccess);
}
