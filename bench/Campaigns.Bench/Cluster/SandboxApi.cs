using System.Net.Http.Json;
using System.Text.Json;

namespace Campaigns.Bench.Cluster;

/// <summary>The sandbox's own routes the bench reads: the record of sends, and the audit.</summary>
internal sealed class SandboxApi(Uri baseAddress) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public Uri BaseAddress => baseAddress;

    public async Task<IReadOnlyList<SandboxSend>> SendsAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<SandboxSend[]>(new Uri("sandbox/sends", UriKind.Relative), Json, cancellationToken) ?? [];

    public Task<JsonElement> AuditAsync(CancellationToken cancellationToken) =>
        _http.GetFromJsonAsync<JsonElement>(new Uri("sandbox/audit", UriKind.Relative), cancellationToken);

    public void Dispose() => _http.Dispose();
}
