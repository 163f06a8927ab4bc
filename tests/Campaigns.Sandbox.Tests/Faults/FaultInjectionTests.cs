using System.Diagnostics;
using System.Net;
using Campaigns.Sandbox.Tests.Support;

namespace Campaigns.Sandbox.Tests.Faults;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task AddFault_429TwiceForAnInstance_AnswersTwoOfItsRequestsWithRetryAfterThenRecovers()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var added = await client.PostJsonAsync("/sandbox/faults", new { kind = "429", count = 2, retryAfterSeconds = 7, instance = "alpha" });

        using var other = await client.GetAsync("/instance/connectionState/beta", TestContext.Current.CancellationToken);
        using var first = await client.GetAsync("/instance/connectionState/alpha", TestContext.Current.CancellationToken);
        using var second = await client.GetAsync("/instance/connectionState/alpha", TestContext.Current.CancellationToken);
        using var third = await client.GetAsync("/instance/connectionState/alpha", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
        AssertJson.Equal(
            """{ "status": 429, "error": "Too Many Requests", "response": { "message": ["Error: rate-overlimit"] } }""",
            await first.JsonAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task AddFault_500_AnswersWithAStringMessageAndSendsNothing()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var added = await client.PostJsonAsync("/sandbox/faults", new { kind = "500" });

        using var response = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Hi" });
        var sends = await client.GetJsonAsync("/sandbox/sends");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertJson.Equal(
            """{ "status": 500, "error": "Internal Server Error", "response": { "message": "Sandbox: injected failure" } }""",
            await response.JsonAsync());
        Assert.Equal(0, sends.GetArrayLength());
    }

    [Fact]
    public async Task AddFault_Hang_ClientTimesOutAndNothingIsSent()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var control = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        client.Timeout = TimeSpan.FromMilliseconds(300);
        using var added = await control.PostJsonAsync("/sandbox/faults", new { kind = "hang" });

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Hi" }));
        using var next = await client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000002", text = "Hi" });
        var sends = await control.GetJsonAsync("/sandbox/sends");

        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal(["254711000002@s.whatsapp.net"], sends.EnumerateArray().Select(s => s.GetProperty("recipient").GetString()));
    }

    [Fact]
    public async Task AddFault_HangAfter_ClientTimesOutButTheMessageWentOut()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var control = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        client.Timeout = TimeSpan.FromMilliseconds(300);
        using var added = await control.PostJsonAsync("/sandbox/faults", new { kind = "hangAfter" });

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.PostJsonAsync("/message/sendText/alpha", new { number = "254711000001", text = "Hi" }));
        using var found = await control.PostJsonAsync("/chat/findMessages/alpha", new { where = new { key = new { remoteJid = "254711000001@s.whatsapp.net" } } });

        Assert.Equal(1, (await found.JsonAsync()).GetProperty("messages").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Switches_Latency_DelaysGatewayRequests()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient(TestSandbox.GlobalKey);
        using var on = await client.PostJsonAsync("/sandbox/switches", new { latencyMs = 200 });

        var watch = Stopwatch.StartNew();
        await client.GetJsonAsync("/instance/connectionState/alpha");
        watch.Stop();

        AssertJson.Equal("""{ "latencyMs": 200, "webhookDuplicateShare": 0, "webhookReorder": false, "sendLatencyMinMs": 0, "sendLatencyMaxMs": 0 }""", await on.JsonAsync());
        Assert.InRange(watch.ElapsedMilliseconds, 190, 5000);
    }

    [Fact]
    public async Task AddFault_UnknownKind_Returns400ValidationProblem()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var client = sandbox.CreateClient();

        using var response = await client.PostJsonAsync("/sandbox/faults", new { kind = "teapot", count = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("count", out _));
    }
}
