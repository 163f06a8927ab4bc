using System.Net;
using System.Text;

namespace Campaigns.Api.Tests.Messages;

/// <summary>What a bulk send refuses before anything else: a body over <c>BulkSends:MaxRequestBytes</c>, or one that is not a bulk send.</summary>
public sealed class BulkSendBoundsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_BodyOverMaxRequestBytes_Answers413()
    {
        await using var api = await ConfiguredApi.StartAsync(new Dictionary<string, string?> { ["BulkSends:MaxRequestBytes"] = "65536" });
        using var client = await api.CreateTenantClientAsync();
        var recipients = string.Join(',', Enumerable.Range(0, 3_000).Select(i => $$"""{"number":"+2547{{i:D8}}"}"""));

        using var response = await client.PostAsync(
            "/api/messages/bulk", new StringContent($$"""{"text":"Hi","recipients":[{{recipients}}]}""", Encoding.UTF8, "application/json"), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(("bulk.too_large", "body"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Send_FieldOfTheWrongType_Answers400NamingIt()
    {
        await using var api = await ConfiguredApi.StartAsync(new Dictionary<string, string?>());
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync(
            "/api/messages/bulk", new StringContent("""{"text":"Hi","recipients":5}""", Encoding.UTF8, "application/json"), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("request.unreadable", "recipients"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }
}
