using System.Net;
using System.Text;

namespace Campaigns.Api.Tests.ContactLists;

public sealed class ContactImportMalformedTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_FieldOverOneMebibyte_Answers400NamingTheLine()
    {
        await using var api = await ConfiguredApi.StartAsync(new Dictionary<string, string?> { ["Campaigns:MaxUploadBytes"] = "8388608" });
        using var client = await api.CreateTenantClientAsync();
        var csv = new StringBuilder("name,phone\nAnn,0712345678\nBob,0722000111\n")
            .Append("Cy,0733000111,\"").Append('x', 3_000_000).Append("\"\n")
            .Append("Di,0744000111\n")
            .ToString();

        using var response = await client.PostAsync("/api/contact-lists", Upload.Csv(csv), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("import.malformed", problem.GetProperty("code").GetString());
        Assert.Equal("file", problem.GetProperty("field").GetString());
        Assert.Equal(4, problem.GetProperty("line").GetInt32());
        Assert.Contains("Line 4", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
