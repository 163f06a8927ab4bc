using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox.Webhooks;

/// <summary>
/// Posts the queued webhooks, one at a time and in queue order on each of the queue's channels (the channels in
/// parallel), as JSON with the instance's headers. Like Evolution it retries with doubling pauses, except on
/// 400/401/403/404/422, and gives up after the configured attempts.
/// </summary>
internal sealed class WebhookDispatcher(
    WebhookQueue queue,
    IHttpClientFactory clients,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "Campaigns.Sandbox.Webhooks";

    private static readonly HashSet<HttpStatusCode> NotRetried =
    [
        HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound,
        HttpStatusCode.UnprocessableEntity,
    ];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(queue.Readers.Select(reader => PostAllAsync(reader, stoppingToken)));

    private async Task PostAllAsync(ChannelReader<WebhookDelivery> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in reader.ReadAllAsync(stoppingToken))
            {
                if (delivery.Epoch == queue.Epoch)
                {
                    await DeliverAsync(delivery, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var client = clients.CreateClient(ClientName);
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            string failure;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
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
                        return;
                    }

                    if (NotRetried.Contains(response.StatusCode))
                    {
                        SandboxLog.WebhookRejected(logger, delivery.Instance, delivery.Event, (int)response.StatusCode);
                        return;
                    }

                    failure = $"HTTP {(int)response.StatusCode}";
                }
                catch (HttpRequestException ex)
                {
                    failure = ex.Message;
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    failure = "timeout";
                }
            }

            SandboxLog.WebhookAttemptFailed(logger, delivery.Instance, delivery.Event, attempt, failure);
            if (attempt < settings.MaxAttempts && delivery.Epoch == queue.Epoch)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(settings.RetryDelayMs * Math.Pow(2, attempt - 1)), time, stoppingToken);
            }
            else
            {
                return;
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        return base.StopAsync(cancellationToken);
    }
}
