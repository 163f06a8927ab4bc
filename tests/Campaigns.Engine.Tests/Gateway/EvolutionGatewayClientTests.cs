using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Tests.Gateway;

/// <summary>The client against a real HTTP server scripted per test: routes, errors, retries, timeouts, breakers.</summary>
public sealed class EvolutionGatewayClientTests
{
    private const string OpenState = """{"instance":{"instanceName":"myinst","state":"open"}}""";
    private const string PhoneDigits = "5511999999999";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(9); // GatewayTestHost's
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetConnectionState_Open_CallsTheInstanceRouteWithItsKey()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(c, 200, OpenState), pathBase: "/evolution");
        using var provider = GatewayTestHost.Create();

        var state = await provider.Client().GetConnectionStateAsync(new GatewayTarget(gateway.BaseUrl, "sales team", "KEY-1"), Ct);

        Assert.Equal(InstanceConnectionState.Open, state);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal(("GET", "/instance/connectionState/sales team", "KEY-1"), (request.Method, request.Path, request.ApiKey));
    }

    [Fact]
    public async Task GetConnectionState_429WithRetryAfterThen200_WaitsRetryAfterAndSucceeds()
    {
        using var time = new WatchedTimeProvider();
        await using var gateway = await ScriptedGateway.StartAsync((r, c) => r.Number == 1
            ? ScriptedGateway.Respond(c, 429, """{"status":429,"error":"Too Many Requests"}""", retryAfter: "7")
            : ScriptedGateway.Respond(c, 200, OpenState));
        using var provider = GatewayTestHost.Create(timeProvider: time);

        using var deadline = Deadline();
        var call = provider.Client().GetConnectionStateAsync(Target(gateway), deadline.Token);
        await time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(7), Ct); // the retry waits exactly Retry-After
        Assert.Single(gateway.Requests);
        time.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(InstanceConnectionState.Open, await call);
        Assert.Equal(2, gateway.Requests.Count);
    }

    [Fact]
    public async Task GetConnectionState_RetryAfterLongerThanAllowed_FailsAtOnceWithIt()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(c, 429, "{}", retryAfter: "3600"));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayException>(() => provider.Client().GetConnectionStateAsync(Target(gateway), Ct));

        Assert.Equal(GatewayFailure.RateLimited, error.Failure);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task GetConnectionState_500Always_RetriesThenThrowsServerError()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(
            c, 500, """{"status":500,"error":"Internal Server Error","response":{"message":"Cannot read properties of undefined"}}"""));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayException>(() => provider.Client().GetConnectionStateAsync(Target(gateway), Ct));

        Assert.IsNotType<GatewayOutcomeUnknownException>(error);
        Assert.Equal((GatewayFailure.ServerError, HttpStatusCode.InternalServerError), (error.Failure, error.StatusCode));
        Assert.Equal(["Cannot read properties of undefined"], error.GatewayMessages);
        Assert.Equal(4, gateway.Requests.Count); // 1 + MaxRetryAttempts
    }

    [Fact]
    public async Task GetConnectionState_ConnectionRefused_IsRetriedUntilTheGatewayIsUp()
    {
        var port = FreePort.Next();
        using var time = new WatchedTimeProvider();
        using var provider = GatewayTestHost.Create(new Dictionary<string, string?> { ["Gateway:RetryBaseDelay"] = "00:00:01" }, time);
        var target = new GatewayTarget(new Uri($"http://127.0.0.1:{port}/"), "myinst", "KEY");

        using var deadline = Deadline();
        var call = provider.Client().GetConnectionStateAsync(target, deadline.Token);
        var backoff = await time.WaitForTimerAsync(d => d != RequestTimeout, Ct); // refused at once, now backing off
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(c, 200, OpenState), port);
        time.Advance(backoff);

        Assert.Equal(InstanceConnectionState.Open, await call);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task SendText_ConnectionRefused_IsRetriedBecauseNothingWasSent()
    {
        var port = FreePort.Next();
        using var time = new WatchedTimeProvider();
        using var provider = GatewayTestHost.Create(new Dictionary<string, string?> { ["Gateway:RetryBaseDelay"] = "00:00:01" }, time);
        var target = new GatewayTarget(new Uri($"http://127.0.0.1:{port}/"), "myinst", "KEY");

        using var deadline = Deadline();
        var call = provider.Client().SendTextAsync(target, new SendTextRequest(PhoneDigits, "Hello"), deadline.Token);
        var backoff = await time.WaitForTimerAsync(d => d != SendTimeout, Ct);
        await using var gateway = await ScriptedGateway.StartAsync(
            (_, c) => ScriptedGateway.Respond(c, 201, EvolutionExamples.Read("sendText-response-201.json")), port);
        time.Advance(backoff);

        Assert.Equal("3EB0C767D26A3D1E7A1F2B", (await call).Key.Id);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task SendText_Created_PostsTheFlatBodyAndReadsTheKey()
    {
        await using var gateway = await ScriptedGateway.StartAsync(
            (_, c) => ScriptedGateway.Respond(c, 201, EvolutionExamples.Read("sendText-response-201.json")));
        using var provider = GatewayTestHost.Create();

        var message = await provider.Client().SendTextAsync(
            Target(gateway), new SendTextRequest(PhoneDigits, "Hello", Delay: 1200, LinkPreview: false), Ct);

        Assert.Equal(("3EB0C767D26A3D1E7A1F2B", GatewayMessageStatus.Pending), (message.Key.Id, message.Status));
        var request = Assert.Single(gateway.Requests);
        Assert.Equal(("POST", "/message/sendText/myinst", "instance-key"), (request.Method, request.Path, request.ApiKey));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(EvolutionExamples.Read("sendText-request.json")), JsonNode.Parse(request.Body)));
    }

    [Fact]
    public async Task SendText_500_IsNotRetriedAndItsOutcomeIsUnknown()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(
            c, 500, """{"status":500,"error":"Internal Server Error","response":{"message":"Cannot read properties of undefined (reading 'key')"}}"""));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayOutcomeUnknownException>(
            () => provider.Client().SendTextAsync(Target(gateway), new SendTextRequest(PhoneDigits, "Hello"), Ct));

        Assert.Equal((GatewayFailure.ServerError, HttpStatusCode.InternalServerError), (error.Failure, error.StatusCode));
        Assert.Equal(["Cannot read properties of undefined (reading 'key')"], error.GatewayMessages);
        Assert.Single(gateway.Requests);
    }

    [Theory]
    [InlineData("\"Connection Closed\"")]
    [InlineData("\"Cannot read properties of undefined (reading 'onWhatsApp')\"")]
    [InlineData("[\"Error: Connection Closed\"]")]
    public async Task SendText_500ThatStoppedBeforeSending_IsInstanceDisconnectedNotUnknown(string message)
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(
            c, 500, $$$"""{"status":500,"error":"Internal Server Error","response":{"message":{{{message}}}}}"""));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayException>(
            () => provider.Client().SendTextAsync(Target(gateway), new SendTextRequest(PhoneDigits, "Hello"), Ct));

        Assert.IsNotType<GatewayOutcomeUnknownException>(error);
        Assert.Equal(GatewayFailure.InstanceDisconnected, error.Failure);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task SendMedia_500WhileFetchingTheMedia_IsNotUnknown()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(
            c, 500, """{"status":500,"error":"Internal Server Error","response":{"message":["AxiosError: Request failed with status code 404"]}}"""));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayException>(() => provider.Client().SendMediaAsync(
            Target(gateway), new SendMediaRequest(PhoneDigits, GatewayMediaType.Image, "https://example.com/a.png"), Ct));

        Assert.IsNotType<GatewayOutcomeUnknownException>(error);
        Assert.Equal(GatewayFailure.ServerError, error.Failure);
    }

    [Fact]
    public async Task SendText_500FromAProxy_StaysUnknown()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(c, 502, "<html>Bad gateway: Connection Closed</html>"));
        using var provider = GatewayTestHost.Create();

        await Assert.ThrowsAsync<GatewayOutcomeUnknownException>(
            () => provider.Client().SendTextAsync(Target(gateway), new SendTextRequest(PhoneDigits, "Hello"), Ct));
    }

    [Fact]
    public async Task SendText_Timeout_OutcomeUnknownAfterExactlyOneRequest()
    {
        using var time = new WatchedTimeProvider();
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Hang(c));
        using var provider = GatewayTestHost.Create(timeProvider: time);

        using var deadline = Deadline();
        var call = provider.Client().SendTextAsync(Target(gateway), new SendTextRequest(PhoneDigits, "Hello", Delay: 1200), deadline.Token);
        await gateway.NextRequestAsync(Ct);
        // The attempt timeout is SendTimeout plus the typing delay, which the gateway spends holding the request.
        var timeout = await time.WaitForTimerAsync(d => d == SendTimeout + TimeSpan.FromMilliseconds(1200), Ct);
        time.Advance(timeout);

        var error = await Assert.ThrowsAsync<GatewayOutcomeUnknownException>(() => call);
        Assert.Equal((GatewayFailure.Timeout, (HttpStatusCode?)null), (error.Failure, error.StatusCode));
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task SendText_429_IsRetriedBecauseTheGatewayRefusedIt()
    {
        using var time = new WatchedTimeProvider();
        await using var gateway = await ScriptedGateway.StartAsync((r, c) => r.Number == 1
            ? ScriptedGateway.Respond(c, 429, "{}", retryAfter: "2")
            : ScriptedGateway.Respond(c, 201, EvolutionExamples.Read("sendText-response-201.json")));
        using var provider = GatewayTestHost.Create(timeProvider: time);

        using var deadline = Deadline();
        var call = provider.Client().SendTextAsync(Target(gateway), new SendTextRequest(PhoneDigits, "Hello"), deadline.Token);
        await time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(2), Ct);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("3EB0C767D26A3D1E7A1F2B", (await call).Key.Id);
        Assert.Equal(2, gateway.Requests.Count);
    }

    [Fact]
    public async Task SendText_NotOnWhatsApp_FailsOnceAndLogsNoNumberNorKey()
    {
        var logs = new CapturedLogs();
        await using var gateway = await ScriptedGateway.StartAsync(
            (_, c) => ScriptedGateway.Respond(c, 400, EvolutionExamples.Read("error-400-not-on-whatsapp.json")));
        using var provider = GatewayTestHost.Create(logs: logs);

        var error = await Assert.ThrowsAsync<GatewayException>(() => provider.Client().SendTextAsync(
            new GatewayTarget(gateway.BaseUrl, "myinst", "SECRET-INSTANCE-KEY"), new SendTextRequest(PhoneDigits, "Secret offer body"), Ct));

        Assert.IsNotType<GatewayOutcomeUnknownException>(error);
        Assert.Equal((GatewayFailure.NotOnWhatsApp, HttpStatusCode.BadRequest), (error.Failure, error.StatusCode));
        Assert.Contains(PhoneDigits, Assert.Single(error.GatewayMessages), StringComparison.Ordinal); // raw, for code
        Assert.DoesNotContain(PhoneDigits, error.Message, StringComparison.Ordinal); // masked, for people and logs
        Assert.Single(gateway.Requests);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 2005);
        foreach (var (_, text) in logs.Entries)
        {
            Assert.DoesNotContain(PhoneDigits, text, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET-INSTANCE-KEY", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret offer body", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""["Error: Connection Closed"]""", GatewayFailure.InstanceDisconnected)]
    [InlineData("""["SessionError: No sessions"]""", GatewayFailure.InstanceDisconnected)]
    [InlineData("""["Text is required"]""", GatewayFailure.Rejected)]
    internal async Task SendText_400_IsClassifiedFromItsMessage(string message, GatewayFailure expected)
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(
            c, 400, $$$"""{"status":400,"error":"Bad Request","response":{"message":{{{message}}}}}"""));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayException>(
            () => provider.Client().SendTextAsync(Target(gateway), new SendTextRequest(PhoneDigits, "Hello"), Ct));

        Assert.Equal(expected, error.Failure);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task SendText_CreatedButUnreadable_OutcomeUnknown()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(c, 201, """{"status":"PENDING"}"""));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayOutcomeUnknownException>(
            () => provider.Client().SendTextAsync(Target(gateway), new SendTextRequest(PhoneDigits, "Hello"), Ct));

        Assert.Equal((GatewayFailure.InvalidResponse, HttpStatusCode.Created), (error.Failure, error.StatusCode));
    }

    [Theory]
    [InlineData("error-401.json", 401, GatewayFailure.Unauthorized, "Unauthorized")]
    [InlineData("error-404-instance.json", 404, GatewayFailure.NotFound, "The \"myinst\" instance does not exist")]
    [InlineData("error-400-validation.json", 400, GatewayFailure.Rejected, "instance requires property \"text\"")]
    internal async Task Call_GatewayError_CarriesStatusAndMessages(string file, int status, GatewayFailure failure, string message)
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(c, status, EvolutionExamples.Read(file)));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayException>(() => provider.Client().GetConnectionStateAsync(Target(gateway), Ct));

        Assert.Equal(((HttpStatusCode)status, failure), (error.StatusCode!.Value, error.Failure));
        Assert.Equal([message], error.GatewayMessages);
        Assert.Equal(GatewayCall.ConnectionState, error.Call);
        Assert.Equal("myinst", error.Instance);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Single(gateway.Requests); // 4xx are not retried
    }

    [Fact]
    public async Task CheckWhatsAppNumbers_UnwrappedError_CarriesTheTopLevelMessage()
    {
        await using var gateway = await ScriptedGateway.StartAsync(
            (_, c) => ScriptedGateway.Respond(c, 400, EvolutionExamples.Read("error-400-whatsappNumbers-unwrapped.json")));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayException>(() => provider.Client().CheckWhatsAppNumbersAsync(Target(gateway), [PhoneDigits], Ct));

        Assert.Equal((GatewayFailure.Rejected, HttpStatusCode.BadRequest, "Bad Request"), (error.Failure, error.StatusCode, error.GatewayError));
        Assert.Equal(["..."], error.GatewayMessages);
    }

    [Fact]
    public async Task CheckWhatsAppNumbers_AnsweredInAnotherOrder_MatchedByNumber()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(c, 200, """
            [{"jid":"5511999999999@s.whatsapp.net","exists":true,"number":"5511999999999","name":"Maria"},
             {"jid":"254712345678@s.whatsapp.net","exists":true,"number":"254712345678"},
             {"jid":"14155550100@s.whatsapp.net","exists":false,"number":"14155550100"}]
            """));
        using var provider = GatewayTestHost.Create();

        var answers = await provider.Client().CheckWhatsAppNumbersAsync(
            Target(gateway), ["14155550100", "+254712345678", PhoneDigits, "14155550100"], Ct);

        Assert.Equal(
            [("14155550100", false), ("254712345678", true), (PhoneDigits, true), ("14155550100", false)],
            answers.Select(a => (a.Number, a.Exists)));
        Assert.Equal("Maria", answers[2].Name);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal("/chat/whatsappNumbers/myinst", request.Path);
        Assert.Equal(["14155550100", "+254712345678", PhoneDigits], JsonNode.Parse(request.Body)!["numbers"]!.AsArray().Select(n => (string)n!)); // duplicates asked once
    }

    [Fact]
    public async Task CheckWhatsAppNumbers_ANumberUnanswered_ThrowsInvalidResponse()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(
            c, 200, """[{"jid":"5511999999999@s.whatsapp.net","exists":true,"number":"5511999999999"}]"""));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayException>(
            () => provider.Client().CheckWhatsAppNumbersAsync(Target(gateway), [PhoneDigits, "14155550100"], Ct));

        Assert.Equal(GatewayFailure.InvalidResponse, error.Failure);
    }

    [Fact]
    public async Task CircuitBreaker_RepeatedFailures_OpensForThatInstanceOnly()
    {
        await using var gateway = await ScriptedGateway.StartAsync((r, c) => r.Path.EndsWith("/broken", StringComparison.Ordinal)
            ? ScriptedGateway.Respond(c, 500, """{"status":500,"error":"Internal Server Error","response":{}}""")
            : ScriptedGateway.Respond(c, 200, OpenState));
        using var provider = GatewayTestHost.Create(new Dictionary<string, string?>
        {
            ["Gateway:MaxRetryAttempts"] = "0",
            ["Gateway:CircuitBreakerMinimumThroughput"] = "2",
            ["Gateway:CircuitBreakerFailureRatio"] = "0.5",
        });
        var client = provider.Client();
        var broken = Target(gateway, "broken");

        Assert.Equal(GatewayFailure.ServerError, (await Assert.ThrowsAsync<GatewayException>(() => client.GetConnectionStateAsync(broken, Ct))).Failure);
        Assert.Equal(GatewayFailure.ServerError, (await Assert.ThrowsAsync<GatewayException>(() => client.GetConnectionStateAsync(broken, Ct))).Failure);
        var open = await Assert.ThrowsAsync<GatewayException>(() => client.SendTextAsync(broken, new SendTextRequest(PhoneDigits, "Hello"), Ct));

        Assert.Equal(GatewayFailure.CircuitOpen, open.Failure);
        Assert.IsNotType<GatewayOutcomeUnknownException>(open); // rejected before sending: safe to send later
        Assert.Equal(2, gateway.Requests.Count);
        Assert.Equal(InstanceConnectionState.Open, await client.GetConnectionStateAsync(Target(gateway, "healthy"), Ct));
        Assert.Equal(3, gateway.Requests.Count);
    }

    [Fact]
    public async Task SendMediaAndVoiceNote_PostToTheirRoutes()
    {
        await using var gateway = await ScriptedGateway.StartAsync(
            (_, c) => ScriptedGateway.Respond(c, 201, EvolutionExamples.Read("sendText-response-201.json")));
        using var provider = GatewayTestHost.Create();
        var client = provider.Client();

        await client.SendMediaAsync(Target(gateway), new SendMediaRequest(
            PhoneDigits, GatewayMediaType.Document, "https://example.com/invoice.pdf", "application/pdf", "Your invoice", "invoice.pdf"), Ct);
        await client.SendWhatsAppAudioAsync(Target(gateway), new SendWhatsAppAudioRequest(PhoneDigits, "https://example.com/a.ogg"), Ct);

        var requests = gateway.Requests;
        Assert.Equal(["/message/sendMedia/myinst", "/message/sendWhatsAppAudio/myinst"], requests.Select(r => r.Path));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(EvolutionExamples.Read("sendMedia-request.json")), JsonNode.Parse(requests[0].Body)));
        Assert.Equal("""{"number":"5511999999999","audio":"https://example.com/a.ogg"}""", requests[1].Body);
    }

    [Fact]
    public async Task SetWebhookAndFindMessages_UseTheirRoutesAndShapes()
    {
        await using var gateway = await ScriptedGateway.StartAsync((r, c) => r.Path.StartsWith("/webhook/set/", StringComparison.Ordinal)
            ? ScriptedGateway.Respond(c, 201, EvolutionExamples.Read("webhook-set-response-201.json"))
            : ScriptedGateway.Respond(c, 200, EvolutionExamples.Read("findMessages-response-200.json")));
        using var provider = GatewayTestHost.Create();
        var client = provider.Client();

        var webhook = await client.SetWebhookAsync(Target(gateway), new WebhookSettings(
            true, "https://my.app/hooks/evolution", new Dictionary<string, string> { ["authorization"] = "Bearer my-secret" },
            ByEvents: false, Base64: false, Events: WebhookEventNames.Campaign), Ct);
        var page = await client.FindMessagesAsync(
            Target(gateway), new FindMessagesRequest(new FindMessagesWhere(new FindMessagesKey(Id: "3EB0C767D26A3D1E7A1F2B")), 1, 10), Ct);

        Assert.Equal("clx0abc123def4567890", webhook.Id);
        Assert.Equal(GatewayMessageStatus.DeliveryAck, Assert.Single(page.Records).LatestStatus);
        var requests = gateway.Requests;
        Assert.Equal(["/webhook/set/myinst", "/chat/findMessages/myinst"], requests.Select(r => r.Path));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(EvolutionExamples.Read("webhook-set-request.json")), JsonNode.Parse(requests[0].Body)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(EvolutionExamples.Read("findMessages-request.json")), JsonNode.Parse(requests[1].Body)));
    }

    [Fact]
    public async Task SetWebhook_500Once_IsRetriedBecauseItIsAnUpsert()
    {
        await using var gateway = await ScriptedGateway.StartAsync((r, c) => r.Number == 1
            ? ScriptedGateway.Respond(c, 500, "{}")
            : ScriptedGateway.Respond(c, 201, EvolutionExamples.Read("webhook-set-response-201.json")));
        using var provider = GatewayTestHost.Create();

        await provider.Client().SetWebhookAsync(Target(gateway), new WebhookSettings(true, "https://my.app/hooks/evolution"), Ct);

        Assert.Equal(2, gateway.Requests.Count);
    }

    [Theory]
    [InlineData("""{"pairingCode":null,"code":"2@abc","base64":"data:image/png;base64,iVBOR","count":1}""", InstanceConnectionState.Connecting, "2@abc")]
    [InlineData("""{"instance":{"instanceName":"myinst","state":"open"}}""", InstanceConnectionState.Open, null)]
    [InlineData("""{"instance":{"instanceName":"myinst","status":"refused"},"qrcode":{"code":"2@def","count":30}}""", InstanceConnectionState.Refused, "2@def")]
    [InlineData("""{}""", InstanceConnectionState.Connecting, null)]
    internal async Task ConnectInstance_EachAnswerShape_ReadsStateAndCode(string json, InstanceConnectionState state, string? code)
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(c, 200, json));
        using var provider = GatewayTestHost.Create();

        var link = await provider.Client().ConnectInstanceAsync(Target(gateway), Ct);

        Assert.Equal((state, code), (link.State, link.QrCode?.Code));
        Assert.Equal("/instance/connect/myinst", Assert.Single(gateway.Requests).Path);
    }

    [Fact]
    public async Task ConnectInstance_ErrorIn200_Throws()
    {
        await using var gateway = await ScriptedGateway.StartAsync(
            (_, c) => ScriptedGateway.Respond(c, 200, """{"error":true,"message":"Error: The \"myinst\" instance does not exist"}"""));
        using var provider = GatewayTestHost.Create();

        var error = await Assert.ThrowsAsync<GatewayException>(() => provider.Client().ConnectInstanceAsync(Target(gateway), Ct));

        Assert.Equal((GatewayFailure.Rejected, HttpStatusCode.OK), (error.Failure, error.StatusCode));
        Assert.Equal(["Error: The \"myinst\" instance does not exist"], error.GatewayMessages);
    }

    [Fact]
    public async Task CreateInstanceAndFetchInstances_UseTheGlobalRoutes()
    {
        await using var gateway = await ScriptedGateway.StartAsync((r, c) => r.Path == "/instance/create"
            ? ScriptedGateway.Respond(c, 201, """
                {"instance":{"instanceName":"sales","instanceId":"0b6f0c6e-6c1e-4c6a-9a8f-1d2e3f4a5b6c","status":"connecting"},
                 "hash":"B6D711FC-DE4D-4FD5-9365-44120E713976","qrcode":{"code":"2@abc","count":1}}
                """)
            : ScriptedGateway.Respond(c, 200, """[{"id":"0b6f0c6e-6c1e-4c6a-9a8f-1d2e3f4a5b6c","name":"sales","connectionStatus":"open","token":"NEW-TOKEN"}]"""));
        using var provider = GatewayTestHost.Create();
        var client = provider.Client();
        var server = new GatewayServer(gateway.BaseUrl, "GLOBAL-KEY");

        var created = await client.CreateInstanceAsync(server, new CreateInstanceRequest("sales"), Ct);
        var fetched = Assert.Single(await client.FetchInstancesAsync(server, "sales", Ct));

        Assert.Equal(("B6D711FC-DE4D-4FD5-9365-44120E713976", "2@abc"), (created.Hash, created.Qrcode?.Code));
        Assert.Equal(("sales", "NEW-TOKEN", InstanceConnectionState.Open), (fetched.InstanceName, fetched.InstanceToken, fetched.State));
        var requests = gateway.Requests;
        Assert.Equal(("POST", "/instance/create", "", "GLOBAL-KEY"), (requests[0].Method, requests[0].Path, requests[0].Query, requests[0].ApiKey));
        Assert.Equal("""{"instanceName":"sales","integration":"WHATSAPP-BAILEYS","qrcode":true}""", requests[0].Body);
        Assert.Equal(("GET", "/instance/fetchInstances", "?instanceName=sales"), (requests[1].Method, requests[1].Path, requests[1].Query));
    }

    [Fact]
    public async Task CreateInstance_500_IsNotRetriedAndItsOutcomeIsUnknown()
    {
        await using var gateway = await ScriptedGateway.StartAsync((_, c) => ScriptedGateway.Respond(c, 500, "{}"));
        using var provider = GatewayTestHost.Create();

        await Assert.ThrowsAsync<GatewayOutcomeUnknownException>(() => provider.Client().CreateInstanceAsync(
            new GatewayServer(gateway.BaseUrl, "GLOBAL-KEY"), new CreateInstanceRequest("sales"), Ct));

        Assert.Single(gateway.Requests);
    }

    [Fact]
    public void AddGateway_InvalidOptions_FailValidation()
    {
        using var provider = GatewayTestHost.Create(new Dictionary<string, string?>
        {
            ["Gateway:MaxRetryAttempts"] = "50",
            ["Gateway:ConnectTimeout"] = "00:01:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GatewayOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(nameof(GatewayOptions.MaxRetryAttempts), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(GatewayOptions.ConnectTimeout), StringComparison.Ordinal));
    }

    /// <summary>
    /// A real-time deadline for a call made under fake time: a wrong retry would wait on a fake clock nobody advances.
    /// Cancelling the call (rather than abandoning it) matters: disposing the pipelines waits, on that same fake clock,
    /// for calls still in flight, so an abandoned call would hang the test run instead of failing one test.
    /// </summary>
    private static CancellationTokenSource Deadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        return deadline;
    }

    private static GatewayTarget Target(ScriptedGateway gateway, string instance = "myinst") => new(gateway.BaseUrl, instance, "instance-key");
}
