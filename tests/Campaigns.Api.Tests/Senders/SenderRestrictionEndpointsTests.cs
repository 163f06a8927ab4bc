using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Api.Tests.Dispatch;

namespace Campaigns.Api.Tests.Senders;

/// <summary>A sender's restriction (reach-out timelock) as <c>GET /api/senders</c> shows it, and ending it early.</summary>
public sealed class SenderRestrictionEndpointsTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClearRestriction_RestrictedSender_ShowsTheRestrictionUntilCleared()
    {
        using var client = await fixture.CreateTenantClientAsync();
        var (_, sender) = await EndToEnd.OpenSenderAsync(fixture, client, "restricted-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var restrict = fixture.DataSource.CreateCommand(
            """
            update campaigns.senders set restricted_until = now() + interval '3 hours', restricted_at = now(), restriction = 'reachout_timelock'
            where id = $1
            """))
        {
            restrict.Parameters.Add(new() { Value = sender });
            await restrict.ExecuteNonQueryAsync(Cancel);
        }

        var restricted = await client.GetFromJsonAsync<JsonElement>($"/api/senders/{sender}", Cancel);
        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/senders", Cancel)).GetProperty("items")[0];
        var cleared = await EndToEnd.ReadAsync(await client.PostAsync($"/api/senders/{sender}/restriction/clear", null, Cancel), HttpStatusCode.OK);

        var restriction = restricted.GetProperty("restriction");
        Assert.Equal("reachout_timelock", restriction.GetProperty("kind").GetString());
        Assert.InRange(
            restriction.GetProperty("until").GetDateTimeOffset() - restriction.GetProperty("since").GetDateTimeOffset(),
            TimeSpan.FromHours(3) - TimeSpan.FromSeconds(5),
            TimeSpan.FromHours(3));
        Assert.Equal(restriction.GetRawText(), listed.GetProperty("restriction").GetRawText());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("restriction").ValueKind);
    }

    [Fact]
    public async Task ClearRestriction_UnknownSender_Answers404()
    {
        using var client = await fixture.CreateTenantClientAsync();

        using var response = await client.PostAsync($"/api/senders/{Guid.NewGuid()}/restriction/clear", null, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
