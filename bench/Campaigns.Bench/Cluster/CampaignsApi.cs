using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Campaigns.Bench.Cluster;

/// <summary>
/// The REST calls the bench makes on one Api process, as a tenant (its <c>apikey</c>). Bodies are read as JSON
/// elements, not through the Api's own types: the bench speaks HTTP, like any client. A 429 waits its Retry-After.
/// </summary>
internal sealed class CampaignsApi(Uri baseAddress, string apiKey) : IDisposable
{
    private readonly HttpClient _http = Create(baseAddress, apiKey);

    public Uri BaseAddress => baseAddress;

    /// <summary>Registers an instance of the gateway at <paramref name="gatewayUrl"/> as a sender; returns its id.</summary>
    public async Task<Guid> RegisterSenderAsync(
        string name, Uri gatewayUrl, string instance, string instanceKey, SenderPacing pacing, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["gatewayUrl"] = gatewayUrl.ToString().TrimEnd('/'),
            ["instance"] = instance,
            ["instanceApiKey"] = instanceKey,
            ["activatedOn"] = "2020-01-01", // past the 30-day warm-up: the drawn cap applies from the first send
            ["minIntervalMs"] = pacing.MinIntervalMs,
            ["jitterMinMs"] = pacing.JitterMinMs,
            ["jitterMaxMs"] = pacing.JitterMaxMs,
            ["pacing"] = new JsonObject { ["profile"] = pacing.Profile },
        };
        var created = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/senders") { Content = JsonContent.Create(body) }, cancellationToken);
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>Imports a CSV (a multipart upload, as curl sends one); returns the list's id and how many rows it kept.</summary>
    public async Task<(Guid Id, long Imported)> ImportAsync(string csv, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        var list = await SendAsync(() =>
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var form = new MultipartFormDataContent { { file, "file", "bench.csv" }, { new StringContent("bench"), "name" } };
            return new HttpRequestMessage(HttpMethod.Post, "api/contact-lists") { Content = form };
        }, cancellationToken);
        return (list.GetProperty("id").GetGuid(), list.GetProperty("imported").GetInt64());
    }

    public async Task<Guid> CreateCampaignAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var created = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/campaigns") { Content = JsonContent.Create(body) }, cancellationToken);
        return created.GetProperty("id").GetGuid();
    }

    public Task<JsonElement> PrepareAsync(Guid campaign, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"api/campaigns/{campaign}/prepare"), cancellationToken);

    public Task<JsonElement> GetCampaignAsync(Guid campaign, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/campaigns/{campaign}"), cancellationToken);

    public Task<JsonElement> StartAsync(Guid campaign, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"api/campaigns/{campaign}/start"), cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            using var response = await _http.SendAsync(message, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 20)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            await EnsureSuccessAsync(response, cancellationToken);
            return response.Content.Headers.ContentLength == 0
                ? default
                : await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}"));
        }
    }

    private static HttpClient Create(Uri baseAddress, string apiKey)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Add("apikey", apiKey);
        return http;
    }
}
