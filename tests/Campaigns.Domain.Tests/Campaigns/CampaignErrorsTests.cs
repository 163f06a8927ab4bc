using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;

namespace Campaigns.Domain.Tests.Campaigns;

public sealed class CampaignErrorsTests
{
    [Fact]
    public void Invalid_SeveralErrors_GroupsMessagesByFieldAndKeepsEachInFull()
    {
        var line = new Error("template.syntax", "Syntax error", "template") { Details = new Dictionary<string, object?> { ["line"] = 2, ["column"] = 5 } };
        Error[] errors = [CampaignErrors.NameRequired(), line, new Error("template.shortener", "Shortener", "template")];

        var error = CampaignErrors.Invalid(errors);

        Assert.Equal(("campaign.invalid", ErrorKind.Validation, null), (error.Code, error.Kind, error.Field));
        var byField = Assert.IsType<Dictionary<string, string[]>>(error.Details["errors"]);
        Assert.Equal(["The campaign needs a name."], byField["name"]);
        Assert.Equal(["Syntax error", "Shortener"], byField["template"]);
        var problems = Assert.IsAssignableFrom<IReadOnlyList<IReadOnlyDictionary<string, object?>>>(error.Details["problems"]);
        Assert.Equal(3, problems.Count);
        Assert.Equal(("template.syntax", 2, 5), (problems[1]["code"], problems[1]["line"], problems[1]["column"]));
    }

    [Fact]
    public void Invalid_OneError_UsesItsMessageAndField()
    {
        var error = CampaignErrors.Invalid([CampaignErrors.UnknownContactList()]);

        Assert.Equal(("contactListId", "There is no contact list with that id."), (error.Field, error.Message));
    }
}
