using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Api.Tests.ContactLists;

namespace Campaigns.Api.Tests.Common;

/// <summary>Requests the framework cannot bind answer the product's problem details, naming the field and the reason.</summary>
public sealed class RequestProblemsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/contact-lists?limit=abc", "limit", "whole number")]
    [InlineData("/api/campaigns?limit=1.5", "limit", "whole number")]
    [InlineData("/api/senders?after=not-a-guid", "after", "GUID")]
    [InlineData("/api/suppressions?after=abc", "after", "E.164")]
    public async Task Get_ParameterOfTheWrongType_Answers400NamingItAndWhy(string url, string field, string reason)
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.GetAsync(url, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("request.invalid_parameter", problem.GetProperty("code").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("detail").GetString()!.Contains(reason, StringComparison.Ordinal), problem.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Array, problem.GetProperty("errors").GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task Get_ParameterOfTheWrongTypeOutsideDevelopment_Answers400NamingIt()
    {
        // Outside Development the framework answers binding failures with a bare 400 unless told to throw.
        await using var staging = await ConfiguredApi.StartAsync(new Dictionary<string, string?> { ["environment"] = "Staging" });
        using var client = await staging.CreateTenantClientAsync();

        using var response = await client.GetAsync("/api/contact-lists?limit=abc", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("request.invalid_parameter", problem.GetProperty("code").GetString());
        Assert.Equal("limit", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Post_NoBody_Answers400WithCode()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/senders", new StringContent("", System.Text.Encoding.UTF8, "application/json"), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True("body" == (problem.TryGetProperty("field", out var f) ? f.GetString() : null), problem.ToString());
        Assert.Equal("request.unreadable", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Get_IdThatIsNotAGuid_Answers404ProblemWithCode()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.GetAsync("/api/campaigns/not-a-guid", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
        Assert.Contains("GUID", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contacts_AfterWithItsPlusSentUnescaped_ContinuesAfterThatNumber()
    {
        using var client = await api.CreateTenantClientAsync();
        using var imported = await client.PostAsync("/api/contact-lists", Upload.Csv("phone\n0712000001\n0712000002\n0712000003\n"), Cancel);
        var list = (await imported.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/contact-lists/{list}/contacts?limit=1", Cancel);
        Assert.Equal("+254712000001", first.GetProperty("next").GetString());

        // As curl sends the README's example: the '+' unescaped, which a query string reads as a space.
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/contact-lists/{list}/contacts?limit=1&after=+254712000001", Cancel);
        var escaped = await client.GetFromJsonAsync<JsonElement>($"/api/contact-lists/{list}/contacts?limit=1&after=%2B254712000002", Cancel);

        Assert.Equal("+254712000002", second.GetProperty("items")[0].GetProperty("phone").GetString());
        Assert.Equal("+254712000003", escaped.GetProperty("items")[0].GetProperty("phone").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0712000001")]
    [InlineData("%20%2B254712000001")]
    public async Task Contacts_AfterThatIsNotACursor_Answers400NamingAfter(string after)
    {
        using var client = await api.CreateTenantClientAsync();
        using var imported = await client.PostAsync("/api/contact-lists", Upload.Csv("phone\n0712000001\n"), Cancel);
        var list = (await imported.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();

        using var response = await client.GetAsync($"/api/contact-lists/{list}/contacts?after={after}", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("request.invalid_parameter", problem.GetProperty("code").GetString());
        Assert.Equal("after", problem.GetProperty("field").GetString());
        Assert.Contains("'next' of the previous page", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
