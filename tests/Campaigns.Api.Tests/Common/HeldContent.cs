using System.Net;

namespace Campaigns.Api.Tests.Common;

/// <summary>
/// A request body sent in two parts: the first at once, the rest only when the test releases it, so that the request
/// stays in the server's hands (holding whatever it holds) for as long as the test needs.
/// </summary>
internal sealed class HeldContent : HttpContent
{
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HeldContent(byte[] body, int split, System.Net.Http.Headers.MediaTypeHeaderValue? contentType)
    {
        _head = body[..split];
        _tail = body[split..];
        Headers.ContentType = contentType;
    }

    /// <summary>Holds <paramref name="content"/> after its first <paramref name="split"/> bytes.</summary>
    public static async Task<HeldContent> HoldAsync(HttpContent content, int split)
    {
        var body = await content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return new HeldContent(body, split, content.Headers.ContentType);
    }

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_head);
        await stream.FlushAsync();
        await _release.Task;
        await stream.WriteAsync(_tail);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1; // chunked: the server cannot know the body is incomplete
        return false;
    }
}
