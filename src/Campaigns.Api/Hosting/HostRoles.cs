namespace Campaigns.Api.Hosting;

/// <summary>
/// What a process does (setting <c>Campaigns:Roles</c>: <c>api</c>, <c>worker</c> or <c>api,worker</c>, the default).
/// Every role serves <c>/health</c> and <c>/metrics</c>.
/// </summary>
[Flags]
internal enum HostRoles
{
    /// <summary>The HTTP API, the webhooks, the OpenAPI document and the Hangfire dashboard; enqueues jobs.</summary>
    Api = 1,

    /// <summary>Hangfire servers that run the jobs, and the recurring jobs registered at start.</summary>
    Worker = 2,
}
