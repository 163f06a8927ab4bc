using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class TemplateVariableNameTests
{
    [Theory]
    [InlineData("First Name", "first_name")]
    [InlineData("Last-Name", "last_name")]
    [InlineData("E-mail", "e_mail")]
    [InlineData("first_name", "first_name")]
    [InlineData("firstName", "first_name")]
    [InlineData("FIRST NAME", "first_name")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("  Amount (KES) ", "amount_kes")]
    [InlineData("Address2", "address2")]
    [InlineData("2nd Line", "_2nd_line")]
    [InlineData("Prénom", "prénom")]
    [InlineData("End", "end_")]
    [InlineData("city", "city")]
    public void Alias_Header_IsSnakeCase(string header, string expected) =>
        Assert.Equal(expected, TemplateVariableName.Alias(header));

    [Theory]
    [InlineData("")]
    [InlineData(" - ")]
    public void Alias_NoLettersOrDigits_IsNull(string header) => Assert.Null(TemplateVariableName.Alias(header));

    [Theory]
    [InlineData("city", true)]
    [InlineData("City", true)]
    [InlineData("_x1", true)]
    [InlineData("First Name", false)]
    [InlineData("2nd", false)]
    [InlineData("e-mail", false)]
    [InlineData("end", false)]
    [InlineData("", false)]
    public void IsIdentifier_Name_TellsWhetherItCanBeWrittenAsIs(string name, bool expected) =>
        Assert.Equal(expected, TemplateVariableName.IsIdentifier(name));
}
