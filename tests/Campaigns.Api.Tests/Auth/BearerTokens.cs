using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaigns.Api.Tests.Dispatch;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Campaigns.Api.Tests.Auth;

/// <summary>Tokens as a reseller gets and uses them: made with an API key, sent as <c>Authorization: Bearer</c>.</summary>
internal static class BearerTokens
{
    /// <summary>Asks for a token with <paramref name="keyClient"/> (which carries an API key); asserts 200 and answers the body.</summary>
    public static async Task<JsonElement> IssueAsync(HttpClient keyClient, object? request = null)
    {
        ArgumentNullException.ThrowIfNull(keyClient);
        return await EndToEnd.ReadAsync(
            request is null
                ? await keyClient.PostAsync("/api/auth/token", null, TestContext.Current.CancellationToken)
                : await keyClient.PostAsJsonAsync("/api/auth/token", request, TestContext.Current.CancellationToken),
            HttpStatusCode.OK);
    }

    /// <summary>The token of a token answer.</summary>
    public static string Token(JsonElement issued) => issued.GetProperty("token").GetString()!;

    /// <summary>A client whose requests carry <paramref name="token"/> and no API key.</summary>
    public static HttpClient Client(WebApplicationFactory<Program> factory, string token)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The JSON of one of a JWT's first two parts (0: header, 1: payload).</summary>
    public static JsonElement Part(string token, int index) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[index])).RootElement.Clone();

    /// <summary><paramref name="token"/> with its payload replaced by <paramref name="payload"/>, the signature kept.</summary>
    public static string WithPayload(string token, string payload)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }
}
