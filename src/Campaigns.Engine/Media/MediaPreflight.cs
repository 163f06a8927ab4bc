using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Media;

/// <summary>
/// The pre-flight of a media campaign's url before it starts (the real gateway answers 500 to a send whose file it
/// cannot fetch, for every recipient): <c>HEAD</c>, or <c>GET</c> with <c>Range: bytes=0-0</c> when <c>HEAD</c> is refused
/// (403, 405, 501), following at most <see cref="MaxRedirects"/> redirects, within
/// <see cref="MediaOptions.PreflightTimeout"/>, never reading a body. The answer must be 2xx with a Content-Type and a
/// length (Content-Length, or the total of a 206's Content-Range) within WhatsApp's limits for the media's type: image
/// jpeg/png ≤ 5 MB, video mp4/3gpp ≤ 16 MB, audio ≤ 16 MB, document ≤ 100 MB. Connections go only to public addresses
/// unless <see cref="MediaOptions.AllowPrivateAddresses"/>: the host is resolved here and every address it has is checked
/// before connecting to them (<see cref="ConnectAsync"/>), on every hop, so neither a url nor a redirect nor DNS can point
/// it at an internal host. Base64 media has nothing to fetch.
/// </summary>
internal sealed class MediaPreflight(HttpClient http, IOptions<MediaOptions> options, ILogger<MediaPreflight> logger)
{
    /// <summary>The most redirects followed.</summary>
    public const int MaxRedirects = 3;

    private const long Megabyte = 1024 * 1024;

    /// <summary>The named HttpClient's primary handler: no automatic redirects, connections through <see cref="ConnectAsync"/>.</summary>
    public static SocketsHttpHandler CreateHandler(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateGuardedHandler(options.AllowPrivateAddresses);
    }

    /// <summary>
    /// A primary handler for calls to tenants' addresses (this pre-flight, the alerts' delivery): no automatic redirects,
    /// connections through <see cref="ConnectAsync"/>.
    /// </summary>
    internal static SocketsHttpHandler CreateGuardedHandler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
    };

    /// <summary>Null when the media may be sent; otherwise why not (<see cref="MediaErrors.PreflightFailed"/>).</summary>
    public async Task<Error?> CheckAsync(MediaDraft media, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        var parsed = MediaAttachment.Parse(media, int.MaxValue);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        if (parsed.Value.Url is not { } url)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PreflightTimeout);
        try
        {
            var reason = await CheckUrlAsync(url, parsed.Value.Type, timeout.Token);
            if (reason is not null)
            {
                MediaLog.PreflightFailed(logger, url.Host, reason);
            }

            return reason is null ? null : MediaErrors.PreflightFailed(reason);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return MediaErrors.PreflightFailed($"it did not answer within {options.Value.PreflightTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            var refused = exception.InnerException as MediaAddressRefusedException;
            return MediaErrors.PreflightFailed(refused is not null
                ? $"its host {refused.Message}"
                : $"it cannot be reached ({exception.HttpRequestError})");
        }
    }

    private async Task<string?> CheckUrlAsync(Uri url, MediaType type, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            using var head = await SendAsync(url, HttpMethod.Head, cancellationToken);
            using var response = head.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented
                ? await SendAsync(url, HttpMethod.Get, cancellationToken)
                : null;
            var answer = response ?? head;
            var status = (int)answer.StatusCode;
            if (status is >= 300 and < 400 && answer.Headers.Location is { } location)
            {
                if (redirects == MaxRedirects)
                {
                    return $"it redirects more than {MaxRedirects} times";
                }

                url = new Uri(url, location);
                if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
                {
                    return $"it redirects to a {url.Scheme} address";
                }

                continue;
            }

            if (status is < 200 or >= 300)
            {
                return $"it answered {status} {answer.ReasonPhrase}".TrimEnd();
            }

            var contentType = answer.Content.Headers.ContentType?.MediaType;
            var length = answer.StatusCode is HttpStatusCode.PartialContent
                ? answer.Content.Headers.ContentRange?.Length
                : answer.Content.Headers.ContentLength;
            return Judge(type, contentType, length);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, HttpMethod method, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Get)
        {
            request.Headers.Range = new RangeHeaderValue(0, 0);
        }

        // Headers only: the body of a GET is never read (disposing the answer drops the connection's rest).
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Why a file of that type and length cannot go as <paramref name="type"/>; null when it can.</summary>
    internal static string? Judge(MediaType type, string? contentType, long? length)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "it answers no Content-Type";
        }

        var (accepted, max) = type switch
        {
            MediaType.Image => (contentType is "image/jpeg" or "image/png", 5 * Megabyte),
            MediaType.Video => (contentType is "video/mp4" or "video/3gpp", 16 * Megabyte),
            MediaType.Audio => (contentType.StartsWith("audio/", StringComparison.Ordinal), 16 * Megabyte),
            _ => (true, 100 * Megabyte),
        };
        if (!accepted)
        {
            return $"its Content-Type {contentType} cannot go as {type.ToString().ToLowerInvariant()} (WhatsApp takes " + type switch
            {
                MediaType.Image => "image/jpeg or image/png)",
                MediaType.Video => "video/mp4 or video/3gpp)",
                _ => "audio/*)",
            };
        }

        if (length is not { } bytes)
        {
            return "it answers no Content-Length";
        }

        return bytes > max
            ? $"it is {bytes:N0} bytes, over WhatsApp's {max / Megabyte} MB for {type.ToString().ToLowerInvariant()}"
            : null;
    }

    /// <summary>
    /// Resolves the host, refuses it when any of its addresses is not public (unless allowed), and connects to the
    /// addresses checked, so a second resolution cannot swap in another.
    /// </summary>
    internal static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!allowPrivate && addresses.FirstOrDefault(PrivateAddresses.Contains) is { } refused)
        {
            throw new MediaAddressRefusedException(host, refused);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
