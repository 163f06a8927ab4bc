namespace Campaigns.Sandbox;

/// <summary>A sandbox started by <see cref="SandboxHost"/>; disposing it stops it.</summary>
public sealed class RunningSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningSandbox(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A client for this sandbox, sending <paramref name="apiKey"/> in the <c>apikey</c> header when given.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("apikey", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
