using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class TemplateVariablesTests
{
    private static TemplateVariables CreateSut() =>
        TemplateVariables.From(["First Name", "City", "E-mail", "phone", "Phone"], phoneColumn: "Mobile No");

    [Theory]
    [InlineData("first_name", "First Name")]
    [InlineData("City", "City")]
    [InlineData("city", "City")]
    [InlineData("e_mail", "E-mail")]
    [InlineData("Phone", "Phone")]
    public void TryGet_ColumnNames_ReadTheirColumn(string name, string column)
    {
        Assert.True(CreateSut().TryGet(name, out var variable));
        Assert.Equal(column, variable.Column);
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("mobile_no")]
    public void TryGet_PhoneAndThePhoneColumn_ReadTheNumber(string name)
    {
        Assert.True(CreateSut().TryGet(name, out var variable));
        Assert.True(variable.IsPhone);
    }

    [Theory]
    [InlineData("First Name")]
    [InlineData("email")]
    public void TryGet_OtherNames_AreUnknown(string name) => Assert.False(CreateSut().TryGet(name, out _));

    [Theory]
    [InlineData("frist_name", "first_name")]
    [InlineData("FirstName", "first_name")]
    [InlineData("firstname", "first_name")]
    [InlineData("citty", "city")]
    [InlineData("email", "e_mail")]
    public void Suggest_Typo_FindsTheClosestName(string typo, string expected) =>
        Assert.Equal(expected, CreateSut().Suggest(typo)?.Name);
}
