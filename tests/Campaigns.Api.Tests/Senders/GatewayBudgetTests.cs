using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Campaigns.Api.Tests.Senders;

/// <summary>A gateway that accepts connections and never answers costs a waiting user the interactive budget, not minutes.</summary>
public sealed class GatewayBudgetTests
{
    [Theory]
    [InlineData("/api/senders")]
    [InlineData("/api/gateways")]
    public async Task Register_GatewayNeverAnswers_Answers504WithinTheBudget(string path)
    {
        // Connections complete in the listener's backlog; nothing ever reads or answers them.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        await using var api = await ConfiguredApi.StartAsync(new Dictionary<string, string?> { ["Gateway:InteractiveTimeout"] = "00:00:01" });
        using var client = await api.CreateTenantClientAsync();
        // Without the budget the call takes 30 s per attempt × 4 plus back-off: the test gives up long before.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(20));

        using var response = await client.PostAsJsonAsync(
            path,
            new { name = "Silent", gatewayUrl = url, url, instance = "silent-1", instanceApiKey = "KEY", apiKey = "KEY" },
            patience.Token);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Equal("gateway.timeout", problem.GetProperty("code").GetString());
    }
}
