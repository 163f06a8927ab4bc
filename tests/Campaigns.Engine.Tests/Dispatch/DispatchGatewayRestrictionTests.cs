using Campaigns.Domain.Senders;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Security;
using Campaigns.Engine.Tests.Gateway;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>How <see cref="DispatchGateway"/> reads a reach-out timelock and an ERROR answer, from real HTTP answers.</summary>
public sealed class DispatchGatewayRestrictionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["Error: server returned error 463"]}}""")]
    [InlineData(500, """{"status":500,"error":"Internal Server Error","response":{"message":"server returned error 463"}}""")]
    [InlineData(400, """{"status":400,"error":"Bad Request","response":{"message":["Error: account has been restricted"]}}""")]
    public async Task SendAsync_TimelockError_RestrictsTheSenderAndPutsTheMessageBack(int status, string body)
    {
        var outcome = await SendAsync((_, c) => ScriptedGateway.Respond(c, status, body));

        Assert.Equal((MessageFate.Requeue, SenderEffect.Restrict, "gateway.reachout_timelock"), (outcome.Message, outcome.Sender, outcome.ErrorCode));
        Assert.Null(outcome.RestrictedUntil);
        Assert.Null(outcome.HealthMark);
    }

    [Fact]
    public async Task SendAsync_AnswerWithStatusErrorAndStub463_RestrictsTheSender()
    {
        var outcome = await SendAsync((_, c) => ScriptedGateway.Respond(c, 201, Answer("ERROR", """, "messageStubParameters": ["463"]""")));

        Assert.Equal((MessageFate.Requeue, SenderEffect.Restrict), (outcome.Message, outcome.Sender));
    }

    [Fact]
    public async Task SendAsync_TimelockErrorWithItsEnd_CarriesTheEnd()
    {
        var outcome = await SendAsync((_, c) => ScriptedGateway.Respond(
            c, 400, """{"status":400,"error":"Bad Request","response":{"message":["Error: reachout timelock until 2026-12-01T09:00:00Z"]}}"""));

        Assert.Equal(Instant.FromUtc(2026, 12, 1, 9, 0), outcome.RestrictedUntil);
    }

    [Fact]
    public async Task SendAsync_AnswerWithStatusError_FailsTheMessageAsAGatewayError()
    {
        var outcome = await SendAsync((_, c) => ScriptedGateway.Respond(c, 201, Answer("ERROR", "")));

        Assert.Equal((MessageFate.Failed, SendOutcome.ErrorStatusCode, SenderHealth.GatewayError), (outcome.Message, outcome.ErrorCode, outcome.HealthMark));
    }

    [Fact]
    public async Task SendAsync_AnswerPending_IsSent()
    {
        var outcome = await SendAsync((_, c) => ScriptedGateway.Respond(c, 201, Answer("PENDING", "")));

        Assert.Equal((MessageFate.Sent, "3EB0C767D26A3D1E7A1F2B", SenderHealth.Sent), (outcome.Message, outcome.GatewayMessageId, outcome.HealthMark));
    }

    private static string Answer(string status, string extra) =>
        $$"""
        {"key":{"remoteJid":"254700000001@s.whatsapp.net","fromMe":true,"id":"3EB0C767D26A3D1E7A1F2B"},"pushName":"Você",
         "status":"{{status}}","message":{"conversation":"Hi"},"messageType":"conversation","messageTimestamp":1717171717,
         "instanceId":"0b6f0c6e-6c1e-4c6a-9a8f-1d2e3f4a5b6c","source":"web"{{extra}}}
        """;

    private static async Task<SendOutcome> SendAsync(Func<RecordedRequest, Microsoft.AspNetCore.Http.HttpContext, Task> script)
    {
        await using var gateway = await ScriptedGateway.StartAsync((r, c) => r.Path.StartsWith("/message/", StringComparison.Ordinal)
            ? script(r, c)
            : ScriptedGateway.Respond(c, 200, """{"instance":{"instanceName":"i","state":"open"}}"""));
        using var provider = GatewayTestHost.Create();
        var protector = new SecretProtector(new EphemeralDataProtectionProvider());
        var send = TestSends.Claimed(protector, Guid.CreateVersion7(), Guid.CreateVersion7(), gateway.BaseUrl, "i", "+254700000099", "+254700000001");
        var dispatch = new DispatchGateway(
            provider.GetRequiredService<IGatewayClient>(), protector, DispatchKit.Wrap(new PacingOptions()), NullLogger<DispatchGateway>.Instance);
        return await dispatch.SendAsync(send, Cancel);
    }
}
