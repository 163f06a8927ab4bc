using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaigns.Api.Tests.ContactLists;

namespace Campaigns.Api.Tests.Suppressions;

public sealed class SuppressionEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_JsonArray_NormalisesAndLists()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/api/suppressions", new[] { "0712 345 678", "+254712345678", "+44 7911 123456" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var added = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(2, added.GetProperty("received").GetInt32());
        Assert.Equal(2, added.GetProperty("added").GetInt32());
        Assert.Equal(["+254712345678", "+447911123456"], await PhonesAsync(client));
    }

    [Theory]
    [InlineData("text/csv", "phone\n0712345678\n\n0722000111\n")] // a header line is skipped, blank lines too
    [InlineData("text/plain", "0712345678\n0722000111\n")]
    public async Task Add_LinesOfText_ReadsOneNumberPerLine(string contentType, string body)
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/suppressions", new StringContent(body, Encoding.UTF8, contentType), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["+254712345678", "+254722000111"], await PhonesAsync(client));
    }

    [Fact]
    public async Task Add_OtherContentType_Answers415ProblemWithACode()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync(
            "/api/suppressions", new StringContent("<numbers/>", Encoding.UTF8, "application/xml"), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("code").GetString()));
        Assert.Empty(await PhonesAsync(client));
    }

    [Fact]
    public async Task Add_InvalidNumber_Answers400NamingItAndStoresNothing()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsJsonAsync("/api/suppressions", new[] { "0712345678", "nope" }, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        var invalid = Assert.Single(problem.GetProperty("invalid").EnumerateArray());
        Assert.Equal(2, invalid.GetProperty("position").GetInt32());
        Assert.Equal("nope", invalid.GetProperty("value").GetString());
        Assert.Empty(await PhonesAsync(client));
    }

    [Fact]
    public async Task Remove_SuppressedNumber_TakesItOff()
    {
        using var client = await api.CreateTenantClientAsync();
        using var add = await client.PostAsJsonAsync("/api/suppressions", new[] { "+254712345678" }, Cancel);

        using var removed = await client.DeleteAsync("/api/suppressions/%2B254712345678", Cancel);
        using var again = await client.DeleteAsync("/api/suppressions/%2B254712345678", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await Problem.ReadAsync(again, HttpStatusCode.NotFound);
        Assert.Empty(await PhonesAsync(client));
    }

    [Fact]
    public async Task Import_AfterSuppressing_CountsTheNumberAsSuppressed()
    {
        using var client = await api.CreateTenantClientAsync();
        using var add = await client.PostAsJsonAsync("/api/suppressions", new[] { "0722000111" }, Cancel);

        using var response = await client.PostAsync("/api/contact-lists", Upload.Csv("phone\n0712345678\n+254722000111\n"), Cancel);

        var list = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(1, list.GetProperty("imported").GetInt32());
        Assert.Equal(1, list.GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public async Task Suppressions_AreSeparatePerTenant()
    {
        using var first = await api.CreateTenantClientAsync();
        using var second = await api.CreateTenantClientAsync();
        using var add = await first.PostAsJsonAsync("/api/suppressions", new[] { "0712345678" }, Cancel);

        using var remove = await second.DeleteAsync("/api/suppressions/%2B254712345678", Cancel);

        Assert.Empty(await PhonesAsync(second));
        await Problem.ReadAsync(remove, HttpStatusCode.NotFound);
        Assert.Equal(["+254712345678"], await PhonesAsync(first));
    }

    private static async Task<List<string>> PhonesAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/suppressions", Cancel);
        return page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("phone").GetString()!).ToList();
    }
}
