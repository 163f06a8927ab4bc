using Campaigns.Domain.Contacts;

namespace Campaigns.Domain.Tests.Contacts;

public sealed class PhoneColumnTests
{
    [Theory]
    [InlineData(new[] { "first_name", "phone", "city" }, 1)]
    [InlineData(new[] { "Name", "Phone Number" }, 1)]
    [InlineData(new[] { "Name", "PHONE-NUMBER" }, 1)]
    [InlineData(new[] { "name", "MSISDN" }, 1)]
    [InlineData(new[] { "Mobile No", "name" }, 0)]
    [InlineData(new[] { "tel", "x" }, 0)]
    [InlineData(new[] { "Cell", "x" }, 0)]
    [InlineData(new[] { "Contact", "x" }, 0)]
    [InlineData(new[] { "phone", "WhatsApp" }, 1)] // the WhatsApp column wins over a generic phone column
    [InlineData(new[] { "phone", "mobile" }, 1)]
    [InlineData(new[] { "name", "city" }, -1)]
    [InlineData(new[] { "telephone_country", "x" }, -1)]
    public void Find_ByHeaderName_FindsThePhoneColumn(string[] headers, int expected) =>
        Assert.Equal(expected, PhoneColumn.Find(headers, requested: null));

    [Theory]
    [InlineData("Alt phone", 2)]
    [InlineData("alt_phone", 2)]
    [InlineData("ALT-PHONE", 2)]
    [InlineData("missing", -1)]
    public void Find_RequestedColumn_MatchesIgnoringCaseSpacesUnderscoresAndHyphens(string requested, int expected) =>
        Assert.Equal(expected, PhoneColumn.Find(["phone", "name", "Alt phone"], requested));
}
