using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Campaigns.Api.Tests.OptOut;

public sealed class OptOutSettingsEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_NewTenant_NoKeywordsOfItsOwnAndTheDefaults()
    {
        using var client = await api.CreateTenantClientAsync();

        var settings = await client.GetFromJsonAsync<JsonElement>("/api/settings/opt-out", Cancel);

        Assert.Equal(0, settings.GetProperty("keywords").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("confirmation").ValueKind);
        Assert.Contains("STOP", settings.GetProperty("defaultKeywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains("START", settings.GetProperty("resubscribeKeywords").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Put_ValidSettings_StoredForThisTenantOnly()
    {
        using var client = await api.CreateTenantClientAsync();
        using var other = await api.CreateTenantClientAsync();

        using var response = await PutAsync(client, """{ "keywords": [" Basta ", "chega"], "confirmation": "No more messages.", "resubscribeConfirmation": null }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var settings = await client.GetFromJsonAsync<JsonElement>("/api/settings/opt-out", Cancel);
        Assert.Equal(["Basta", "chega"], settings.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("No more messages.", settings.GetProperty("confirmation").GetString());
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/settings/opt-out", Cancel)).GetProperty("keywords").GetArrayLength());
    }

    [Theory]
    [InlineData("""{ "keywords": ["ok", "!!!"] }""", "keywords[1]")]
    [InlineData("""{ "keywords": ["START"] }""", "keywords[0]")]
    [InlineData("""{ "keywords": ["0123456789012345678901234567890123456789x"] }""", "keywords[0]")]
    public async Task Put_BadKeyword_Answers400NamingItAndStoresNothing(string body, string field)
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await PutAsync(client, body);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/settings/opt-out", Cancel)).GetProperty("keywords").GetArrayLength());
    }

    [Fact]
    public async Task Put_TooManyKeywords_Answers400NamingKeywords()
    {
        using var client = await api.CreateTenantClientAsync();
        var keywords = JsonSerializer.Serialize(Enumerable.Range(0, 51).Select(i => $"word{i}"));

        using var response = await PutAsync(client, $$"""{ "keywords": {{keywords}} }""");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("opt_out.too_many_keywords", "keywords"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Put_SeveralProblems_ListsEachField()
    {
        using var client = await api.CreateTenantClientAsync();
        var longText = new string('a', 4097);

        using var response = await PutAsync(client, $$"""{ "keywords": ["?"], "confirmation": "{{longText}}" }""");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("keywords[0]", out _));
        Assert.True(errors.TryGetProperty("confirmation", out _));
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string json) =>
        client.PutAsync("/api/settings/opt-out", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);
}
