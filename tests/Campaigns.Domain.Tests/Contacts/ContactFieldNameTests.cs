using Campaigns.Domain.Contacts;

namespace Campaigns.Domain.Tests.Contacts;

public sealed class ContactFieldNameTests
{
    [Fact]
    public void FromHeaders_EmptyHeader_GetsAPositionalName() =>
        Assert.Equal(["phone", "column_2", "City"], ContactFieldName.FromHeaders(["phone", " ", "City"]));

    [Fact]
    public void Duplicates_ReportsEachRepeatedNameOnce() =>
        Assert.Equal(["name"], ContactFieldName.Duplicates(["name", "phone", "name", "name", "Name"]));
}
