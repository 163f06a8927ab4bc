using Campaigns.Domain.Contacts;

namespace Campaigns.Domain.Tests.Contacts;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+254712345678")]
    [InlineData("+447911123456")]
    [InlineData("+12025550123")]
    public void Parse_E164_Succeeds(string text) => Assert.Equal(text, PhoneNumber.Parse(text).Value.Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("254712345678")]
    [InlineData("+0712345678")]
    [InlineData("+2547123456789012")]
    [InlineData("+25471234 678")]
    public void Parse_NotE164_ReturnsError(string? text)
    {
        var result = PhoneNumber.Parse(text);
        Assert.False(result.IsSuccess);
        Assert.Equal("phone.not_e164", result.Error.Code);
    }

    [Fact]
    public void ToString_MasksTheMiddleDigits()
    {
        var text = PhoneNumber.Parse("+254712345678").Value.ToString();
        Assert.Equal("+2547*****678", text);
        Assert.DoesNotContain("12345", text, StringComparison.Ordinal);
    }
}
