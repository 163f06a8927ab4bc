using Campaigns.Api.Common;

namespace Campaigns.Api.Tests.Common;

public sealed class CsvFormulaTests
{
    [Theory]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("\t=x", "'\t=x")]
    [InlineData("\r=x", "'\r=x")]
    [InlineData("+1234", "'+1234")]                   // too short for E.164
    [InlineData("+5511999999999 ", "'+5511999999999 ")] // not exactly a number
    [InlineData("+5511999999999\n", "'+5511999999999\n")]
    [InlineData("+0511999999999", "'+0511999999999")]
    public void Neutralise_FormulaStart_PrefixesAQuote(string cell, string expected) =>
        Assert.Equal(expected, CsvFormula.Neutralise(cell));

    [Theory]
    [InlineData("+5511999999999")]
    [InlineData("+254712345678")]
    [InlineData("Ann")]
    [InlineData("a=b")]
    [InlineData("")]
    public void Neutralise_HarmlessCell_LeavesItAlone(string cell) => Assert.Equal(cell, CsvFormula.Neutralise(cell));

    [Fact]
    public void Escape_HostileCellWithSeparator_IsQuotedAfterThePrefix() =>
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvField.Escape("=HYPERLINK(\"http://x\",\"y\")"));
}
