using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaigns.Api.Tests.ContactLists;

namespace Campaigns.Api.Tests.Common;

/// <summary>One tenant over its limits gets 429 with Retry-After while another tenant is served.</summary>
public sealed class ApiLimitsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_TenantOverItsRate_Answers429WithRetryAfterWhileAnotherTenantIsServed()
    {
        await using var api = await ConfiguredApi.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:TokenLimit"] = "3",
            ["RateLimits:TokensPerPeriod"] = "1",
            ["RateLimits:ReplenishmentPeriod"] = "01:00:00",
        });
        using var busy = await api.CreateTenantClientAsync("busy");
        using var other = await api.CreateTenantClientAsync("other");

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await busy.GetAsync("/api/contact-lists", Cancel);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await busy.GetAsync("/api/contact-lists", Cancel);
        using var served = await other.GetAsync("/api/contact-lists", Cancel);

        var problem = await Problem.ReadAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Import_SecondWhileOneRuns_Answers429WhileAnotherTenantImports()
    {
        var signal = new BodyReadSignal();
        await using var api = await ConfiguredApi.StartAsync(
            new Dictionary<string, string?> { ["Campaigns:Limits:ConcurrentImportsPerTenant"] = "1" }, kestrel: true, signal.HeldBodies);
        using var busy = await api.CreateTenantClientAsync("busy");
        using var other = await api.CreateTenantClientAsync("other");
        using var held = await HeldContent.HoldAsync(Upload.Csv("phone\n0712000001\n0712000002\n"), 200);
        using var holder = api.CreateClient(busy);

        var inside = signal.NextAsync();
        var running = holder.PostAsync("/api/contact-lists", held, Cancel);
        await inside.WaitAsync(TimeSpan.FromSeconds(30), Cancel); // the held upload is in its endpoint, holding its permit
        using var second = await busy.PostAsync("/api/contact-lists", Upload.Csv("phone\n0712000003\n"), Cancel);
        using var served = await other.PostAsync("/api/contact-lists", Upload.Csv("phone\n0712000004\n"), Cancel);
        held.Release();
        using var first = await running;

        var problem = await Problem.ReadAsync(second, HttpStatusCode.TooManyRequests);
        Assert.Equal("limit.concurrent_imports", problem.GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), second.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, served.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
    }

    [Fact]
    public async Task Preview_SecondWhileOneRuns_Answers429WhileAnotherTenantPreviews()
    {
        var signal = new BodyReadSignal();
        await using var api = await ConfiguredApi.StartAsync(
            new Dictionary<string, string?> { ["Campaigns:Limits:ConcurrentPreviewsPerTenant"] = "1" }, kestrel: true, signal.HeldBodies);
        using var busy = await api.CreateTenantClientAsync("busy");
        using var other = await api.CreateTenantClientAsync("other");
        var busyList = await ImportAsync(busy);
        var otherList = await ImportAsync(other);
        using var held = await HeldContent.HoldAsync(Preview(busyList), 20);
        using var holder = api.CreateClient(busy);

        var inside = signal.NextAsync();
        var running = holder.PostAsync("/api/campaigns/preview", held, Cancel);
        await inside.WaitAsync(TimeSpan.FromSeconds(30), Cancel); // the held preview is in its endpoint, holding its permit
        using var second = await busy.PostAsync("/api/campaigns/preview", Preview(busyList), Cancel);
        using var served = await other.PostAsync("/api/campaigns/preview", Preview(otherList), Cancel);
        held.Release();
        using var first = await running;

        var problem = await Problem.ReadAsync(second, HttpStatusCode.TooManyRequests);
        Assert.Equal("limit.concurrent_previews", problem.GetProperty("code").GetString());
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    private static StringContent Preview(Guid list) => new(
        JsonSerializer.Serialize(new { contactListId = list, template = "Hello {{ first_name }}, your offer is ready.", count = 1 }),
        Encoding.UTF8,
        "application/json");

    private static async Task<Guid> ImportAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/contact-lists", Upload.Csv("phone,first_name\n0712000001,Ann\n"), Cancel);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
    }
}
