using System.Net;

namespace Campaigns.Api.Tests.Tenants;

public sealed class AuthenticationTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/contact-lists")]
    [InlineData("/api/suppressions")]
    public async Task Api_WithoutKey_Answers401ProblemDetails(string url)
    {
        using var client = api.Factory.CreateClient();

        using var response = await client.GetAsync(url, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("auth.missing_key", problem.GetProperty("code").GetString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("'apikey'", detail, StringComparison.Ordinal); // both ways in are named
        Assert.Contains("Authorization: Bearer", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithWrongKey_Answers401ProblemDetails()
    {
        using var client = api.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("apikey", "cmp_not-a-real-key");

        using var response = await client.GetAsync("/api/contact-lists", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("auth.invalid_key", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Api_WithKey_IsServed()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.GetAsync("/api/contact-lists", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_AnswersWhenPostgresAnswers()
    {
        using var client = api.Factory.CreateClient();

        using var response = await client.GetAsync("/health", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task OpenApi_DescribesTheEndpointsAndTheKey()
    {
        using var client = api.Factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", Cancel);

        Assert.Contains("/api/contact-lists/{id}/errors", document, StringComparison.Ordinal);
        Assert.Contains("/api/suppressions", document, StringComparison.Ordinal);
        Assert.Contains("\"apikey\"", document, StringComparison.Ordinal);
        Assert.Contains("multipart/form-data", document, StringComparison.Ordinal);
        using var reference = await client.GetAsync("/scalar/", Cancel);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }
}
