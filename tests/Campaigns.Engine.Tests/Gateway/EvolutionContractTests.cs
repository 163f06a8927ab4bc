using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Campaigns.Engine.Gateway.Contract;

namespace Campaigns.Engine.Tests.Gateway;

/// <summary>The client's DTOs against the Evolution example payloads (<c>Gateway/Examples</c>, see <see cref="EvolutionExamples"/>).</summary>
public sealed class EvolutionContractTests
{
    private static readonly GatewayJsonContext Json = GatewayJsonContext.Default;

    /// <summary>Every example file and the test that covers it; a new example fails <see cref="Examples_AreAllCovered"/>.</summary>
    private static readonly string[] Covered =
    [
        "connectionState-response-200.json",
        "error-400-not-on-whatsapp.json",
        "error-400-validation.json",
        "error-400-whatsappNumbers-unwrapped.json",
        "error-401.json",
        "error-404-instance.json",
        "findMessages-request.json",
        "findMessages-response-200.json",
        "sendMedia-request.json",
        "sendText-request.json",
        "sendText-response-201.json",
        "webhook-connection-update-close.json",
        "webhook-connection-update-open.json",
        "webhook-messages-update-v1.json",
        "webhook-messages-update.json",
        "webhook-messages-upsert.json",
        "webhook-send-message.json",
        "webhook-set-request.json",
        "webhook-set-response-201.json",
        "whatsappNumbers-request.json",
        "whatsappNumbers-response-200.json",
    ];

    [Fact]
    public void Examples_AreAllCovered() => Assert.Equal(Covered, EvolutionExamples.FileNames());

    [Fact]
    public void ConnectionState_Example_ReadsNameAndState()
    {
        var response = Read("connectionState-response-200.json", Json.ConnectionStateResponse);
        Assert.Equal("myinst", response.Instance.InstanceName);
        Assert.Equal(InstanceConnectionState.Open, response.Instance.State);
    }

    [Theory]
    [InlineData("""{"instance":{"instanceName":"x"}}""", InstanceConnectionState.Unknown)]
    [InlineData("""{"instance":{"instanceName":"x","state":"connecting"}}""", InstanceConnectionState.Connecting)]
    [InlineData("""{"instance":{"instanceName":"x","state":"close"}}""", InstanceConnectionState.Close)]
    [InlineData("""{"instance":{"instanceName":"x","state":"refused"}}""", InstanceConnectionState.Refused)]
    [InlineData("""{"instance":{"instanceName":"x","state":"OPEN"}}""", InstanceConnectionState.Open)]
    [InlineData("""{"instance":{"instanceName":"x","state":"sleeping"}}""", InstanceConnectionState.Unknown)]
    internal void ConnectionState_AnyState_ReadsLeniently(string json, InstanceConnectionState expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize(json, Json.ConnectionStateResponse)!.Instance.State);

    [Fact]
    public void WhatsAppNumbers_Request_RoundTripsToTheExampleShape()
    {
        var request = Read("whatsappNumbers-request.json", Json.WhatsAppNumbersRequest);
        Assert.Equal(["5511999999999", "14155550100"], request.Numbers);
        AssertSameJson("whatsappNumbers-request.json", new WhatsAppNumbersRequest(["5511999999999", "14155550100"]), Json.WhatsAppNumbersRequest);
    }

    [Fact]
    public void WhatsAppNumbers_Response_ReadsEveryEntry()
    {
        var answers = Read("whatsappNumbers-response-200.json", Json.ListWhatsAppNumber);
        Assert.Equal(2, answers.Count);
        Assert.Equal(new WhatsAppNumber("5511999999999@s.whatsapp.net", true, "5511999999999", "Maria"), answers[0]);
        Assert.Equal(new WhatsAppNumber("14155550100@s.whatsapp.net", false, "14155550100"), answers[1]);
    }

    [Fact]
    public void SendText_Request_SerialisesToTheExampleShape()
    {
        AssertSameJson("sendText-request.json", new SendTextRequest("5511999999999", "Hello", Delay: 1200, LinkPreview: false), Json.SendTextRequest);
        Assert.Equal("""{"number":"5511999999999","text":"Hi"}""", JsonSerializer.Serialize(new SendTextRequest("5511999999999", "Hi"), Json.SendTextRequest));
    }

    [Fact]
    public void SendMedia_Request_SerialisesToTheExampleShape()
    {
        var request = new SendMediaRequest(
            "5511999999999", GatewayMediaType.Document, "https://example.com/invoice.pdf",
            MimeType: "application/pdf", Caption: "Your invoice", FileName: "invoice.pdf");
        AssertSameJson("sendMedia-request.json", request, Json.SendMediaRequest);
        Assert.Equal(request, Read("sendMedia-request.json", Json.SendMediaRequest));
    }

    [Fact]
    public void SendWhatsAppAudio_Request_IsFlat()
    {
        var json = JsonSerializer.Serialize(new SendWhatsAppAudioRequest("5511999999999", "https://example.com/a.ogg", Delay: 800), Json.SendWhatsAppAudioRequest);
        Assert.Equal("""{"number":"5511999999999","audio":"https://example.com/a.ogg","delay":800}""", json);
    }

    [Fact]
    public void SendText_Response_ReadsKeyStatusAndTimestamp()
    {
        var message = Read("sendText-response-201.json", Json.GatewayMessage);
        Assert.Equal(new MessageKey("5511999999999@s.whatsapp.net", true, "3EB0C767D26A3D1E7A1F2B"), message.Key);
        Assert.Equal(GatewayMessageStatus.Pending, message.Status);
        Assert.Equal("Você", message.PushName);
        Assert.Equal("conversation", message.MessageType);
        Assert.Equal(1717171717L, message.MessageTimestamp);
        Assert.Equal("0b6f0c6e-6c1e-4c6a-9a8f-1d2e3f4a5b6c", message.InstanceId);
        Assert.Equal("web", message.Source);
        Assert.Null(message.ContextInfo);
        Assert.Equal("Hello", message.Message!.Value.GetProperty("conversation").GetString());
    }

    [Fact]
    public void SendText_ResponseOfV1OrNewerBaileys_ReadsLeniently()
    {
        // v1 sent the timestamp as a string; Baileys' raw status is a number; 2.3.x adds key fields and a contextInfo object.
        const string json = """
            {"key":{"remoteJid":"123456789012345@lid","fromMe":true,"id":"ABC","remoteJidAlt":"5511999999999@s.whatsapp.net","addressingMode":"lid"},
             "status":2,"message":{"conversation":"Hello"},"contextInfo":{"mentionedJid":[]},"messageType":"conversation",
             "messageTimestamp":"1717171717","extra":"ignored"}
            """;
        var message = JsonSerializer.Deserialize(json, Json.GatewayMessage)!;
        Assert.Equal(GatewayMessageStatus.ServerAck, message.Status);
        Assert.Equal(1717171717L, message.MessageTimestamp);
        Assert.Equal("5511999999999@s.whatsapp.net", message.Key.RemoteJidAlt);
        Assert.Equal(JsonValueKind.Object, message.ContextInfo!.Value.ValueKind);
    }

    [Fact]
    public void SendText_ResponseWithoutKey_IsRejected() =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("""{"status":"PENDING"}""", Json.GatewayMessage));

    [Theory]
    [InlineData("\"PENDING\"", GatewayMessageStatus.Pending)]
    [InlineData("\"SERVER_ACK\"", GatewayMessageStatus.ServerAck)]
    [InlineData("\"DELIVERY_ACK\"", GatewayMessageStatus.DeliveryAck)]
    [InlineData("\"READ\"", GatewayMessageStatus.Read)]
    [InlineData("\"PLAYED\"", GatewayMessageStatus.Played)]
    [InlineData("\"ERROR\"", GatewayMessageStatus.Error)]
    [InlineData("\"DELETED\"", GatewayMessageStatus.Deleted)]
    [InlineData("\"delivery_ack\"", GatewayMessageStatus.DeliveryAck)]
    [InlineData("\"SOMETHING_NEW\"", GatewayMessageStatus.Unknown)]
    [InlineData("0", GatewayMessageStatus.Error)]
    [InlineData("3", GatewayMessageStatus.DeliveryAck)]
    [InlineData("5", GatewayMessageStatus.Played)]
    [InlineData("9", GatewayMessageStatus.Unknown)]
    [InlineData("null", GatewayMessageStatus.Unknown)]
    internal void MessageStatus_AnyWireValue_ReadsLeniently(string status, GatewayMessageStatus expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize($$"""{"status":{{status}}}""", Json.MessageStatusUpdate)!.Status);

    [Fact]
    public void SetWebhook_Request_RoundTripsToTheExampleShape()
    {
        var request = new SetWebhookRequest(new WebhookSettings(
            true, "https://my.app/hooks/evolution",
            new Dictionary<string, string> { ["authorization"] = "Bearer my-secret" },
            ByEvents: false, Base64: false, Events: WebhookEventNames.Campaign));
        AssertSameJson("webhook-set-request.json", request, Json.SetWebhookRequest);

        var read = Read("webhook-set-request.json", Json.SetWebhookRequest).Webhook;
        Assert.Equal("Bearer my-secret", read.Headers!["authorization"]);
        Assert.Equal(WebhookEventNames.Campaign, read.Events);
        Assert.DoesNotContain("my-secret", read.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SetWebhook_Response_ReadsTheStoredRow()
    {
        var response = Read("webhook-set-response-201.json", Json.WebhookResponse);
        Assert.Equal("clx0abc123def4567890", response.Id);
        Assert.Equal("https://my.app/hooks/evolution", response.Url);
        Assert.True(response.Enabled);
        Assert.Equal(WebhookEventNames.Campaign, response.Events);
        Assert.False(response.WebhookByEvents);
        Assert.False(response.WebhookBase64);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero), response.CreatedAt);
        Assert.Equal("0b6f0c6e-6c1e-4c6a-9a8f-1d2e3f4a5b6c", response.InstanceId);
        Assert.Equal("Bearer my-secret", response.Headers!.Value.GetProperty("authorization").GetString());
    }

    [Fact]
    public void FindMessages_Request_RoundTripsToTheExampleShape()
    {
        var request = new FindMessagesRequest(new FindMessagesWhere(new FindMessagesKey(Id: "3EB0C767D26A3D1E7A1F2B")), Page: 1, Offset: 10);
        AssertSameJson("findMessages-request.json", request, Json.FindMessagesRequest);
        Assert.Equal("3EB0C767D26A3D1E7A1F2B", Read("findMessages-request.json", Json.FindMessagesRequest).Where.Key!.Id);
    }

    [Fact]
    public void FindMessages_Response_ReadsThePageAndDerivesTheStatus()
    {
        var page = Read("findMessages-response-200.json", Json.FindMessagesResponse).Messages;
        Assert.Equal((1, 1, 1), (page.Total, page.Pages, page.CurrentPage));
        var record = Assert.Single(page.Records);
        Assert.Equal("cm1x9y8z70000abcd1234efgh", record.Id);
        Assert.Equal("3EB0C767D26A3D1E7A1F2B", record.Key.Id);
        Assert.Equal(1717171717L, record.MessageTimestamp);
        Assert.Equal([GatewayMessageStatus.ServerAck, GatewayMessageStatus.DeliveryAck], record.MessageUpdate!.Select(u => u.Status));
        Assert.Equal(GatewayMessageStatus.DeliveryAck, record.LatestStatus);
    }

    [Fact]
    public void FindMessages_UpdatesOutOfOrder_LatestIsTheFurthest()
    {
        const string json = """
            {"messages":{"total":1,"pages":1,"currentPage":1,"records":[{"id":"x","key":{"remoteJid":"a@s.whatsapp.net","fromMe":true,"id":"K"},
             "MessageUpdate":[{"status":"READ"},{"status":"SERVER_ACK"},{"status":"DELETED"},{"status":"DELIVERY_ACK"}]}]}}
            """;
        var record = Assert.Single(JsonSerializer.Deserialize(json, Json.FindMessagesResponse)!.Messages.Records);
        Assert.Equal(GatewayMessageStatus.Read, record.LatestStatus);
    }

    [Fact]
    public void FindMessages_NothingFound_IsAnEmptyPage()
    {
        var page = JsonSerializer.Deserialize("""{"messages":{"total":0,"pages":0,"currentPage":1,"records":[]}}""", Json.FindMessagesResponse)!.Messages;
        Assert.Empty(page.Records);
    }

    [Theory]
    [InlineData("error-401.json", 401, "Unauthorized", new[] { "Unauthorized" })]
    [InlineData("error-404-instance.json", 404, "Not Found", new[] { "The \"myinst\" instance does not exist" })]
    [InlineData("error-400-validation.json", 400, "Bad Request", new[] { "instance requires property \"text\"" })]
    [InlineData("error-400-whatsappNumbers-unwrapped.json", 400, "Bad Request", new[] { "..." })]
    [InlineData("error-400-not-on-whatsapp.json", 400, "Bad Request",
        new[] { """{ "jid": "5511999999999@s.whatsapp.net", "exists": false, "number": "5511999999999" }""" })]
    public void Error_Examples_FlattenTheirMessages(string file, int status, string error, string[] messages)
    {
        var body = Read(file, Json.GatewayErrorBody);
        Assert.Equal(status, body.Status);
        Assert.Equal(error, body.Error);
        Assert.Equal(messages, body.Messages);
        Assert.Equal(file == "error-400-not-on-whatsapp.json", body.SaysNotOnWhatsApp);
    }

    [Fact]
    public void Error_WithoutMessage_HasNone() =>
        Assert.Empty(JsonSerializer.Deserialize("""{"status":400,"error":"Bad Request","response":{}}""", Json.GatewayErrorBody)!.Messages);

    [Fact]
    public void Webhook_MessagesUpdateV2_ReadsKeyIdNotTheDatabaseId()
    {
        var envelope = Read("webhook-messages-update.json", Json.WebhookEnvelope);
        Assert.Equal("messages.update", envelope.Event);
        Assert.Equal("myinst", envelope.Instance);
        Assert.Equal("https://my.app/hooks/evolution", envelope.Destination);
        Assert.Equal("2025-01-01T09:00:05.123Z", envelope.DateTime);
        Assert.Equal("https://evo.example.com", envelope.ServerUrl);
        Assert.Null(envelope.Apikey);

        var data = envelope.Data.Deserialize(Json.MessageUpdateData)!;
        Assert.Equal("3EB0C767D26A3D1E7A1F2B", data.WhatsAppMessageId);
        Assert.Equal("cm1x9y8z70000abcd1234efgh", data.MessageId);
        Assert.Equal(GatewayMessageStatus.DeliveryAck, data.Status);
        Assert.Equal(true, data.FromMe);
        Assert.Null(data.Participant);
    }

    [Fact]
    public void Webhook_MessagesUpdateV1_ReadsTheIdField()
    {
        var envelope = Read("webhook-messages-update-v1.json", Json.WebhookEnvelope);
        Assert.Null(envelope.Apikey);
        var data = envelope.Data.Deserialize(Json.MessageUpdateData)!;
        Assert.Equal("3EB0C767D26A3D1E7A1F2B", data.WhatsAppMessageId);
        Assert.Equal(GatewayMessageStatus.DeliveryAck, data.Status);
        Assert.Equal(1717171720123L, data.Datetime);
        Assert.Equal("myinst", data.Owner);
    }

    [Theory]
    [InlineData("webhook-send-message.json", "send.message", "3EB0C767D26A3D1E7A1F2B", true, GatewayMessageStatus.Pending)]
    [InlineData("webhook-messages-upsert.json", "messages.upsert", "3A5F0C2B9E1D4F6A7B8C", false, GatewayMessageStatus.DeliveryAck)]
    internal void Webhook_MessageEvents_ReadTheMessage(string file, string @event, string keyId, bool fromMe, GatewayMessageStatus status)
    {
        var envelope = Read(file, Json.WebhookEnvelope);
        Assert.Equal(@event, envelope.Event);
        Assert.Equal("5511999990000@s.whatsapp.net", envelope.Sender);
        var message = envelope.Data.Deserialize(Json.GatewayMessage)!;
        Assert.Equal(keyId, message.Key.Id);
        Assert.Equal(fromMe, message.Key.FromMe);
        Assert.Equal(status, message.Status);
        Assert.Equal("conversation", message.MessageType);
    }

    [Fact]
    public void Webhook_ConnectionUpdateOpen_ReadsStateAndOwner()
    {
        var envelope = Read("webhook-connection-update-open.json", Json.WebhookEnvelope);
        Assert.Equal("connection.update", envelope.Event);
        var data = envelope.Data.Deserialize(Json.ConnectionUpdateData)!;
        Assert.Equal(InstanceConnectionState.Open, data.State);
        Assert.Equal(200, data.StatusReason);
        Assert.Equal("5511999990000@s.whatsapp.net", data.Wuid);
        Assert.Equal("My Business", data.ProfileName);
    }

    [Fact]
    public void Webhook_ConnectionUpdateClose_ReadsTheReason()
    {
        var data = Read("webhook-connection-update-close.json", Json.WebhookEnvelope).Data.Deserialize(Json.ConnectionUpdateData)!;
        Assert.Equal(new ConnectionUpdateData("myinst", InstanceConnectionState.Close, 401), data);
    }

    [Fact]
    public void CreateInstance_Request_HasTheContractShape()
    {
        var json = JsonSerializer.Serialize(new CreateInstanceRequest("mycompany-sales"), Json.CreateInstanceRequest);
        Assert.Equal("""{"instanceName":"mycompany-sales","integration":"WHATSAPP-BAILEYS","qrcode":true}""", json);
        Assert.DoesNotContain("T0K3N", new CreateInstanceRequest("x", Token: "T0K3N").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"7E1A2B3C-0000-4000-8000-0000000000AA\"")] // v2: a string
    [InlineData("""{"apikey":"7E1A2B3C-0000-4000-8000-0000000000AA"}""")] // v1: an object
    public void CreateInstance_Response_ReadsTheTokenInEitherShape(string hash)
    {
        var json = $$$"""
            {"instance":{"instanceName":"mycompany-sales","instanceId":"0b6f0c6e-6c1e-4c6a-9a8f-1d2e3f4a5b6c","integration":"WHATSAPP-BAILEYS",
              "webhookWaBusiness":null,"accessTokenWaBusiness":"","status":"connecting"},
             "hash":{{{hash}}},
             "webhook":{"webhookUrl":null},"websocket":{"enabled":null},"settings":{"rejectCall":false},
             "qrcode":{"pairingCode":null,"code":"2@abc","base64":"data:image/png;base64,iVBOR","count":1}}
            """;
        var response = JsonSerializer.Deserialize(json, Json.CreateInstanceResponse)!;
        Assert.Equal("7E1A2B3C-0000-4000-8000-0000000000AA", response.Hash);
        Assert.Equal(InstanceConnectionState.Connecting, response.Instance.Status);
        Assert.Equal("0b6f0c6e-6c1e-4c6a-9a8f-1d2e3f4a5b6c", response.Instance.InstanceId);
        Assert.Equal(new QrCode(null, "2@abc", "data:image/png;base64,iVBOR", 1), response.Qrcode);
        Assert.DoesNotContain("7E1A2B3C", response.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FetchInstances_V2AndV1Entries_ReadNameTokenAndState()
    {
        const string json = """
            [{"id":"0b6f0c6e-6c1e-4c6a-9a8f-1d2e3f4a5b6c","name":"sales","connectionStatus":"open","ownerJid":"5511999990000@s.whatsapp.net",
              "profileName":"My Biz","integration":"WHATSAPP-BAILEYS","token":"TOKEN-2","clientName":"evolution","disconnectionReasonCode":null,
              "Setting":{"rejectCall":false},"_count":{"Message":3}},
             {"instance":{"instanceName":"legacy","owner":"5511999990001@s.whatsapp.net","status":"close","apikey":"TOKEN-1"}}]
            """;
        var instances = JsonSerializer.Deserialize(json, Json.ListFetchedInstance)!;
        Assert.Equal(("sales", "TOKEN-2", InstanceConnectionState.Open), (instances[0].InstanceName, instances[0].InstanceToken, instances[0].State));
        Assert.Equal(("legacy", "TOKEN-1", InstanceConnectionState.Close), (instances[1].InstanceName, instances[1].InstanceToken, instances[1].State));
        Assert.DoesNotContain("TOKEN", instances[0].ToString(), StringComparison.Ordinal);
    }

    private static T Read<T>(string file, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(EvolutionExamples.Read(file), type) ?? throw new InvalidOperationException($"{file} read as null");

    private static void AssertSameJson<T>(string file, T value, JsonTypeInfo<T> type)
    {
        var expected = JsonNode.Parse(EvolutionExamples.Read(file));
        var actual = JsonNode.Parse(JsonSerializer.Serialize(value, type));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{file}:\nexpected {expected?.ToJsonString()}\nactual   {actual?.ToJsonString()}");
    }
}
