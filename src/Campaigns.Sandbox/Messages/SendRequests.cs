using System.Text.Json.Nodes;
using Campaigns.Sandbox.Gateway;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Sandbox.Messages;

/// <summary>
/// Validation of the three send bodies: <c>textMessageSchema</c>, <c>mediaMessageSchema</c> and
/// <c>audioMessageSchema</c> of Evolution 2.3.6, then the checks of its send controller and service.
/// </summary>
internal static class SendRequests
{
    private const string Path = "instance";
    private static readonly string[] MediaTypes = ["image", "document", "video", "audio"];

    public static (OutgoingMessage? Message, JsonHttpResult<EvolutionError>? Error) Text(JsonNode? body)
    {
        var check = new SchemaCheck();
        if (check.Body(body) is { } obj)
        {
            check.String(obj, Path, "number", "Invalid format");
            check.String(obj, Path, "text");
            check.Boolean(obj, Path, "linkPreview");
            Common(check, obj);
            check.Required(obj, Path, "number", "text");
            if (check.IsValid)
            {
                var text = obj["text"]!.GetValue<string>();
                return string.IsNullOrWhiteSpace(text)
                    ? (null, EvolutionErrors.BadRequest("Text is required"))
                    : (new OutgoingMessage(Number(obj), OutgoingMessage.Text, text, null, null, null, Delay(obj)), null);
            }
        }

        return (null, EvolutionErrors.Validation(check.Messages));
    }

    public static (OutgoingMessage? Message, JsonHttpResult<EvolutionError>? Error) Media(JsonNode? body)
    {
        var check = new SchemaCheck();
        if (check.Body(body) is { } obj)
        {
            check.String(obj, Path, "number", "Invalid format");
            check.Enum(obj, Path, "mediatype", MediaTypes);
            check.String(obj, Path, "mimetype");
            check.String(obj, Path, "media");
            check.String(obj, Path, "fileName");
            check.String(obj, Path, "caption");
            Common(check, obj);
            check.Required(obj, Path, "number", "mediatype");
            if (check.IsValid)
            {
                var mediaType = obj["mediatype"]!.GetValue<string>();
                var media = OptionalString(obj, "media");
                var fileName = OptionalString(obj, "fileName");
                if (MediaInput.IsBase64(media) && fileName is null && mediaType == "document")
                {
                    return (null, EvolutionErrors.BadRequest("For base64 the file name must be informed."));
                }

                if (!MediaInput.IsUrl(media) && !MediaInput.IsBase64(media))
                {
                    // multipart/form-data with a 'file' part is not simulated: the sandbox takes JSON bodies only.
                    return (null, EvolutionErrors.BadRequest("Owned media must be a url or base64"));
                }

                return (new OutgoingMessage(
                    Number(obj), mediaType, OptionalString(obj, "caption") ?? "", media, OptionalString(obj, "mimetype"),
                    fileName, Delay(obj)), null);
            }
        }

        return (null, EvolutionErrors.Validation(check.Messages));
    }

    public static (OutgoingMessage? Message, JsonHttpResult<EvolutionError>? Error) Audio(JsonNode? body)
    {
        var check = new SchemaCheck();
        if (check.Body(body) is { } obj)
        {
            check.String(obj, Path, "number", "Invalid format");
            check.String(obj, Path, "audio");
            Common(check, obj);
            check.Required(obj, Path, "number");
            if (check.IsValid)
            {
                var audio = OptionalString(obj, "audio");
                return MediaInput.IsUrl(audio) || MediaInput.IsBase64(audio)
                    ? (new OutgoingMessage(Number(obj), OutgoingMessage.VoiceNote, "", audio, null, null, Delay(obj)), null)
                    : (null, EvolutionErrors.BadRequest("Owned media must be a url, base64, or valid file with buffer"));
            }
        }

        return (null, EvolutionErrors.Validation(check.Messages));
    }

    /// <summary>The options every send schema shares: <c>delay</c>, <c>quoted</c>, <c>everyOne</c>, <c>mentioned</c>.</summary>
    private static void Common(SchemaCheck check, JsonObject obj)
    {
        check.Integer(obj, Path, "delay", "Enter a value in milliseconds");
        if (check.Object(obj, Path, "quoted") is { } quoted && check.Object(quoted, $"{Path}.quoted", "key") is { } key)
        {
            check.String(key, $"{Path}.quoted.key", "id", notEmptyDescription: "The \"id\" cannot be empty");
            check.String(key, $"{Path}.quoted.key", "remoteJid");
            check.Boolean(key, $"{Path}.quoted.key", "fromMe");
            check.Required(key, $"{Path}.quoted.key", "id");
        }

        check.Boolean(obj, Path, "everyOne");
        check.StringArray(obj, Path, "mentioned", 1, true, "\"mentioned\" must be an array of numeric strings", @"^\d+");
    }

    private static string Number(JsonObject obj) => obj["number"]!.GetValue<string>();

    private static int Delay(JsonObject obj) =>
        obj["delay"] is { } delay ? (int)Math.Clamp(delay.GetValue<double>(), 0, int.MaxValue) : 0;

    private static string? OptionalString(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
