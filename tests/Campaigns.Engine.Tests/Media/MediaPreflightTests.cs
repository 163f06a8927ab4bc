using System.Collections.Concurrent;
using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;
using Campaigns.Engine.Media;
using Campaigns.Engine.Tests.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Tests.Media;

/// <summary>The pre-flight against a real HTTP server on 127.0.0.1 (a free port) that answers by path.</summary>
public sealed class MediaPreflightTests : IAsyncLifetime
{
    private const long Megabyte = 1024 * 1024;

    private readonly ConcurrentQueue<(string Method, string Path, string? Range)> _requests = new();
    private ScriptedGateway _server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ScriptedGateway.StartAsync(AnswerAsync);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CheckAsync_HeadAnswersAJpegWithinTheLimit_PassesWithOneHead()
    {
        Assert.Null(await CheckAsync("image", "ok/image/jpeg/5242880"));

        Assert.Equal([("HEAD", "/ok/image/jpeg/5242880", (string?)null)], _requests);
    }

    [Fact]
    public async Task CheckAsync_HeadRefused_AsksForOneByteWithGetAndReadsTheTotalFromContentRange()
    {
        Assert.Null(await CheckAsync("video", "nohead/video/mp4/16777216"));

        Assert.Equal([("HEAD", "/nohead/video/mp4/16777216", null), ("GET", "/nohead/video/mp4/16777216", "bytes=0-0")], _requests);
    }

    [Theory]
    [InlineData("image", "ok/image/png/5242881", "5,242,881 bytes, over WhatsApp's 5 MB for image")]
    [InlineData("image", "ok/image/gif/100", "Content-Type image/gif cannot go as image")]
    [InlineData("video", "nohead/video/quicktime/100", "Content-Type video/quicktime cannot go as video")]
    [InlineData("audio", "ok/audio/ogg/16777217", "over WhatsApp's 16 MB for audio")]
    [InlineData("document", "ok/application/pdf/104857601", "over WhatsApp's 100 MB for document")]
    [InlineData("image", "status/404", "it answered 404")]
    [InlineData("image", "nolength/image/png", "no Content-Length")]
    [InlineData("image", "notype", "no Content-Type")]
    [InlineData("image", "redirect/4", "redirects more than 3 times")]
    public async Task CheckAsync_UnsendableAnswer_IsAConflictNamingTheUrlAndTheReason(string type, string path, string reason)
    {
        var error = await CheckAsync(type, path);

        Assert.NotNull(error);
        Assert.Equal(("media.preflight_failed", "media.url", ErrorKind.Conflict), (error.Code, error.Field, error.Kind));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ThreeRedirects_AreFollowed()
    {
        Assert.Null(await CheckAsync("document", "redirect/3"));

        Assert.Equal(4, _requests.Count);
    }

    [Fact]
    public async Task CheckAsync_SlowServer_FailsAfterTheTimeout()
    {
        var error = await CheckAsync("image", "slow", new MediaOptions { AllowPrivateAddresses = true, PreflightTimeout = TimeSpan.FromSeconds(1) });

        Assert.Contains("did not answer within 1 s", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/ok/image/png/10")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/ok/image/png/10")]
    [InlineData("http://[::1]:{port}/ok/image/png/10")]
    public async Task CheckAsync_PrivateAddressNotAllowed_IsRefusedBeforeAnyRequest(string url)
    {
        var media = new MediaDraft("image", url.Replace("{port}", _server.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var error = await Preflight(new MediaOptions()).CheckAsync(media, Cancel);

        Assert.Contains("which is not a public address", error!.Message, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task CheckAsync_RedirectToAPrivateAddressNotAllowed_IsRefused()
    {
        // Private addresses are refused, except the test server's (the only place a test can serve from): the redirect
        // target goes through the real check on its own.
        var options = new MediaOptions { PreflightTimeout = TimeSpan.FromSeconds(5) };
        var handler = MediaPreflight.CreateHandler(options);
        handler.ConnectCallback = (context, token) => MediaPreflight.ConnectAsync(
            context.DnsEndPoint, allowPrivate: context.DnsEndPoint.Port == _server.BaseUrl.Port, token);
        var preflight = new MediaPreflight(new HttpClient(handler), Options.Create(options), NullLogger<MediaPreflight>.Instance);

        var error = await preflight.CheckAsync(new MediaDraft("image", new Uri(_server.BaseUrl, "away").AbsoluteUri), Cancel);

        Assert.Contains("169.254.169.254", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_Base64_FetchesNothing()
    {
        Assert.Null(await Preflight(new MediaOptions()).CheckAsync(new MediaDraft("image", null, "aGVsbG8=", "image/png"), Cancel));
    }

    private Task<Error?> CheckAsync(string type, string path, MediaOptions? options = null) =>
        Preflight(options ?? new MediaOptions { AllowPrivateAddresses = true, PreflightTimeout = TimeSpan.FromSeconds(5) })
            .CheckAsync(new MediaDraft(type, new Uri(_server.BaseUrl, path).AbsoluteUri, FileName: "a.pdf"), Cancel);

    private static MediaPreflight Preflight(MediaOptions options) =>
        new(new HttpClient(MediaPreflight.CreateHandler(options)), Options.Create(options), NullLogger<MediaPreflight>.Instance);

    /// <summary>
    /// Paths: <c>ok/{type}/{subtype}/{length}</c> (HEAD answers), <c>nohead/{type}/{subtype}/{length}</c> (HEAD 405, a range
    /// GET 206), <c>status/{code}</c>, <c>nolength/{type}/{subtype}</c>, <c>notype</c>, <c>redirect/{n}</c> (n hops, then a
    /// pdf), <c>slow</c>, <c>away</c> (redirects to the cloud metadata address).
    /// </summary>
    private async Task AnswerAsync(RecordedRequest request, HttpContext context)
    {
        _requests.Enqueue((request.Method, request.Path, context.Request.Headers.Range.FirstOrDefault()));
        var parts = request.Path.Trim('/').Split('/');
        var response = context.Response;
        switch (parts[0])
        {
            case "ok":
                response.ContentType = $"{parts[1]}/{parts[2]}";
                response.ContentLength = long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "nohead" when request.Method == "HEAD":
                response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                break;
            case "nohead":
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.ContentType = $"{parts[1]}/{parts[2]}";
                response.Headers.ContentRange = $"bytes 0-0/{parts[3]}";
                response.ContentLength = 1;
                await response.Body.WriteAsync(new byte[1], context.RequestAborted);
                break;
            case "status":
                response.StatusCode = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "nolength":
                response.ContentType = $"{parts[1]}/{parts[2]}";
                break;
            case "notype":
                response.ContentLength = 10;
                break;
            case "redirect":
                var left = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = left == 1 ? "/ok/application/pdf/10" : $"/redirect/{left - 1}";
                break;
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted);
                break;
            case "away":
                response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                response.Headers.Location = "http://169.254.169.254/latest/meta-data/a.png";
                break;
        }
    }
}
