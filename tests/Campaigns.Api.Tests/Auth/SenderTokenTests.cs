using System.Net;
using System.Net.Http.Json;
using Campaigns.Api.Tests.Senders;
using static Campaigns.Api.Tests.Dispatch.EndToEnd;

namespace Campaigns.Api.Tests.Auth;

/// <summary>A reseller's branch with a token of scope <c>senders</c>: it manages its WhatsApp numbers and nothing else.</summary>
public sealed class SenderTokenTests(SenderFixture fixture) : IClassFixture<SenderFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendersOnlyToken_CreatesAnInstanceReadsItsQrAndStateAndDeletesIt_ButCannotSendOrReadContacts()
    {
        using var owner = await fixture.CreateTenantClientAsync();
        var issued = await BearerTokens.IssueAsync(owner, new { scopes = new[] { "senders" }, name = "Branch 12" });
        using var branch = BearerTokens.Client(fixture.Factory, BearerTokens.Token(issued));
        var gateway = await ReadAsync(
            await branch.PostAsJsonAsync("/api/gateways", new { name = "Main", url = fixture.Sandbox.AbsoluteUri, apiKey = SenderFixture.GlobalKey }, Cancel),
            HttpStatusCode.Created);
        var instance = "branch-" + Guid.NewGuid().ToString("N")[..8];

        var sender = await ReadAsync(
            await branch.PostAsJsonAsync(
                "/api/senders", new { name = "Branch line", gatewayId = gateway.GetProperty("id").GetGuid(), instance, createInstance = true, timeZone = "Africa/Nairobi" }, Cancel),
            HttpStatusCode.Created);
        var id = sender.GetProperty("id").GetGuid();
        var qr = await ReadAsync(await branch.GetAsync($"/api/senders/{id}/qr", Cancel), HttpStatusCode.OK);
        using var sandbox = fixture.CreateSandboxClient();
        using var scanned = await sandbox.PostAsync($"/sandbox/instances/{instance}/scan", null, Cancel);
        Assert.True(scanned.IsSuccessStatusCode);
        var checkedSender = await ReadAsync(await branch.PostAsync($"/api/senders/{id}/check", null, Cancel), HttpStatusCode.OK);
        var state = await ReadAsync(await branch.GetAsync($"/api/senders/{id}", Cancel), HttpStatusCode.OK);

        Assert.Equal("connecting", sender.GetProperty("state").GetString());
        Assert.StartsWith("data:image/png;base64,", qr.GetProperty("qrCode").GetString(), StringComparison.Ordinal);
        Assert.Equal("open", checkedSender.GetProperty("state").GetString());
        Assert.Equal("open", state.GetProperty("state").GetString());

        // Sending (a campaign's test send), campaigns, contacts and the message log are other scopes.
        foreach (var (method, url, scope) in new[]
        {
            ("POST", $"/api/campaigns/{Guid.NewGuid()}/test", "campaigns"),
            ("POST", "/api/campaigns", "campaigns"),
            ("GET", "/api/contact-lists", "contacts"),
            ("POST", "/api/suppressions", "contacts"),
            ("GET", "/api/messages", "messages"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "POST" ? JsonContent.Create(new { }) : null };
            using var refused = await branch.SendAsync(request, Cancel);
            var problem = await Problem.ReadAsync(refused, HttpStatusCode.Forbidden);
            Assert.Equal(("auth.scope", scope), (problem.GetProperty("code").GetString(), problem.GetProperty("scope").GetString()));
        }

        using var deleted = await branch.DeleteAsync($"/api/senders/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await owner.GetAsync($"/api/senders/{id}", Cancel);
        await Problem.ReadAsync(gone, HttpStatusCode.NotFound);
    }
}
