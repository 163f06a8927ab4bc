using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class TextLocationTests
{
    [Theory]
    [InlineData("abc", 0, 1, 1)]
    [InlineData("abc", 2, 1, 3)]
    [InlineData("ab\ncd", 3, 2, 1)]
    [InlineData("ab\r\ncd", 5, 2, 2)]
    [InlineData("ab", 9, 1, 3)]
    public void Of_Offset_IsLineAndColumnFromOne(string text, int offset, int line, int column) =>
        Assert.Equal(new TextLocation(line, column), TextLocation.Of(text, offset));
}
