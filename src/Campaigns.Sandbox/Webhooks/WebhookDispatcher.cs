using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox.Webhooks;

/// <summary>
/// Posts each webhook on its own, as Evolution does (every event is its own <c>retryWebhookRequest</c>): a slow or
/// failing post holds up no other event, of its instance or any other. Like Evolution it retries after
/// <see cref="WebhookBackoff"/>'s pauses, except on 400/401/403/404/422, and gives up after the configured attempts.
/// A reset abandons the posts and retries still pending (their token is cancelled).
/// </summary>
internal sealed class WebhookDispatcher(
    IHttpClientFactory clients,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : IHostedService, IDisposable
{
    public const string ClientName = "Campaigns.Sandbox.Webhooks";

    private static readonly HashSet<HttpStatusCode> NotRetried =
    [
        HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound,
        HttpStatusCode.UnprocessableEntity,
    ];

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts posting <paramref name="delivery"/> in the background and returns at once.</summary>
    /// <param name="delivery">What to post.</param>
    /// <param name="abandon">Cancelled when the post and its retries are to be forgotten (a reset).</param>
    public void Post(WebhookDelivery delivery, CancellationToken abandon)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        _ = DeliverAsync(delivery, abandon);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken abandon)
    {
        CancellationTokenSource stop;
        try
        {
            stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, abandon);
        }
        catch (ObjectDisposedException)
        {
            return; // shut down
        }

        using (stop)
        {
            try
            {
                await AttemptAllAsync(delivery, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Reset or shutdown: pending posts are forgotten on purpose.
            }
        }
    }

    private async Task AttemptAllAsync(WebhookDelivery delivery, CancellationToken stop)
    {
        var settings = options.Value;
        var client = clients.CreateClient(ClientName);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await AttemptAsync(client, delivery, settings, stop);
            if (failure is null)
            {
                return;
            }

            SandboxLog.WebhookAttemptFailed(logger, delivery.Instance, delivery.Event, attempt, failure);
            if (attempt >= settings.MaxAttempts)
            {
                return;
            }

            await Task.Delay(WebhookBackoff.Delay(attempt, settings, Random.Shared.NextDouble()), time, stop);
        }
    }

    /// <summary>One POST; null when it needs no retry (delivered, or refused for good), else why it failed.</summary>
    private async Task<string?> AttemptAsync(HttpClient client, WebhookDelivery delivery, WebhookOptions settings, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(settings.TimeoutMs));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in delivery.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                SandboxLog.WebhookDelivered(logger, delivery.Instance, delivery.Event, (int)response.StatusCode);
                return null;
            }

            if (NotRetried.Contains(response.StatusCode))
            {
                SandboxLog.WebhookRejected(logger, delivery.Instance, delivery.Event, (int)response.StatusCode);
                return null;
            }

            return $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return "timeout";
        }
    }
}
