using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("name", "name", 0)]
    [InlineData("name", "nmae", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("first_name", "frist_name", 1)]
    [InlineData("ca", "abc", 3)]
    public void Between_TwoTexts_CountsEdits(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
        Assert.Equal(expected, EditDistance.Between(b, a));
    }
}
