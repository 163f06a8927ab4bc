using Campaigns.Engine.Contacts;

namespace Campaigns.Engine.Tests.Contacts;

public sealed class PhoneNormalizerTests
{
    [Theory]
    [InlineData("0712 345 678", "KE", "+254712345678")]
    [InlineData("254712345678", "KE", "+254712345678")]
    [InlineData("00254712345678", "KE", "+254712345678")]
    [InlineData("+254-712-345-678", "KE", "+254712345678")]
    [InlineData("0110 123456", "KE", "+254110123456")]
    [InlineData("+44 7911 123456", "KE", "+447911123456")]
    [InlineData("07911 123456", "GB", "+447911123456")]
    [InlineData("0803 123 4567", "NG", "+2348031234567")]
    [InlineData("+1 (415) 555-2671", "KE", "+14155552671")]
    [InlineData(" 0712345678 ", "ke", "+254712345678")]
    public void Normalize_WrittenNumber_GivesE164(string text, string region, string expected) =>
        Assert.Equal(expected, PhoneNormalizer.Normalize(text, region.ToUpperInvariant()).Value.Value);

    [Theory]
    [InlineData(null, "phone.empty")]
    [InlineData("   ", "phone.empty")]
    [InlineData("N/A", "phone.not_a_number")]
    [InlineData("call me", "phone.not_a_number")]
    [InlineData("0712", "phone.too_short")]
    [InlineData("071234567890123", "phone.too_long")]
    [InlineData("020 2222222", "phone.not_mobile")]
    [InlineData("+999 12345678", "phone.invalid_country_code")]
    [InlineData("07911 123456", "phone.invalid")] // a British mobile read as Kenyan
    public void Normalize_UnusableNumber_SaysWhy(string? text, string code)
    {
        var result = PhoneNormalizer.Normalize(text, "KE");

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
    }

    [Theory]
    [InlineData("KE", true)]
    [InlineData("gb", true)]
    [InlineData("XX", false)]
    [InlineData("KEN", false)]
    [InlineData(null, false)]
    public void IsSupportedRegion_ChecksIsoCodes(string? region, bool expected) =>
        Assert.Equal(expected, PhoneNormalizer.IsSupportedRegion(region));
}
