using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class TemplateErrorsTests
{
    [Fact]
    public void Invalid_ManyErrors_ListsEachWithItsPlace()
    {
        var errors = new[]
        {
            TemplateErrors.SpintaxUnclosed("text", new TextLocation(1, 4)),
            TemplateErrors.UnknownVariable("text", new TextLocation(2, 7), "frist_name", "first_name", "First Name"),
            MediaErrors.FileNameRequired(),
        };

        var error = TemplateErrors.Invalid(errors);

        Assert.Equal("template.invalid", error.Code);
        var listed = Assert.IsAssignableFrom<IReadOnlyList<IReadOnlyDictionary<string, object?>>>(error.Details["errors"]);
        Assert.Equal(3, listed.Count);
        Assert.Equal("template.unknown_variable", listed[1]["code"]);
        Assert.Equal(2, listed[1]["line"]);
        Assert.Equal(7, listed[1]["column"]);
        Assert.Equal("first_name", listed[1]["suggestion"]);
        Assert.Equal("First Name", listed[1]["suggestedColumn"]);
        Assert.Equal("media.fileName", listed[2]["field"]);
    }

    [Fact]
    public void UnknownVariable_Message_SuggestsTheColumn() =>
        Assert.Contains(
            "did you mean 'first_name' (the column 'First Name')?",
            TemplateErrors.UnknownVariable("text", new TextLocation(1, 1), "frist_name", "first_name", "First Name").Message,
            StringComparison.Ordinal);
}
