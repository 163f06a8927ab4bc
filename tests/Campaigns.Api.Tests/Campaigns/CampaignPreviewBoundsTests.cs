using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Tenants;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Campaigns;

/// <summary>Issue 7: a template cannot take the server through preview (bounded rows and time, stopped when the client goes).</summary>
public sealed class CampaignPreviewBoundsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // A backtracking engine tries 2^30 ways on this text; the issue saw it cost the whole render timeout per recipient.
    private const string BacktrackingTemplate = "{{ \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" | regex.match \"^(a+)+$\" }} {{ phone }}";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preview_TheIssuesRegexTemplate_IsAnsweredInBoundedTimeAndTheServerIsIdleAfter()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(2_000));
        var started = Stopwatch.GetTimestamp();

        using var response = await PostAsync(client, "/api/campaigns/preview", new JsonObject { ["contactListId"] = list, ["template"] = BacktrackingTemplate });

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(15), "answered within a bounded time");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("[] " + Phone(0), preview.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Equal(2_000, preview.GetProperty("coverage").GetProperty("rowsExamined").GetInt64());
        Assert.Equal(0, api.Factory.Services.GetRequiredService<PreviewActivity>().Running);
    }

    [Fact]
    public async Task Preview_ListLongerThanMaxRows_SaysTheStatisticsAreOfASample()
    {
        await using var factory = api.Factory.WithWebHostBuilder(b => b.UseSetting("Campaigns:Preview:MaxRows", "25"));
        using var client = await ClientAsync(factory);
        var list = await ImportAsync(client, Csv(60));

        using var response = await PostAsync(client, "/api/campaigns/preview", new JsonObject { ["contactListId"] = list, ["template"] = "Hi {{ phone }}" });

        var coverage = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("coverage");
        Assert.True(coverage.GetProperty("sampled").GetBoolean());
        Assert.Equal((25L, 60L, "maxRows"), (coverage.GetProperty("rowsExamined").GetInt64(), coverage.GetProperty("listRows").GetInt64(), coverage.GetProperty("stoppedBy").GetString()));
    }

    [Fact]
    public async Task Preview_ClientGoesAway_PlanningStops()
    {
        // A template within every limit but slow (each render runs 900 regular expressions over 16,000 characters),
        // over a list that takes minutes to plan, far longer than this test waits; the time budget is out of the way.
        await using var factory = api.Factory.WithWebHostBuilder(b => b
            .UseSetting("Campaigns:Preview:TimeBudget", "00:05:00")
            .UseSetting("Campaigns:MaxUploadBytes", "10000000"));
        using var client = await ClientAsync(factory);
        var list = await ImportAsync(client, Csv(3_000));
        var activity = factory.Services.GetRequiredService<PreviewActivity>();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var template = "{{ s = 'abcdefghij' * 1600; for i in 1..900; t = s | regex.replace 'a' 'b'; end }}{{ phone }}";

        var request = client.PostAsJsonAsync("/api/campaigns/preview", new JsonObject { ["contactListId"] = list, ["template"] = template }, abort.Token);
        await WaitUntilAsync(() => activity.Running == 1, "the preview starts planning");
        await Task.Delay(200, Cancel);
        await abort.CancelAsync();

        // Before awaiting the request: the test server completes a cancelled request only when its handler returns.
        await WaitUntilAsync(() => activity.Running == 0, "planning stops once the client has gone");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }

    private async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> factory)
    {
        var (_, key) = await new TenantStore(api.DataSource).CreateAsync("bounds", Cancel);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("apikey", key);
        return client;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"Waited 10 s for this: {what}.");
            await Task.Delay(10, Cancel);
        }
    }
}
