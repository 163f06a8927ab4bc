using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Campaigns.Api.Health;

/// <summary>Ready only when PostgreSQL answers a query.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException) // an unreachable database is the answer, not a crash
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", ex);
        }
    }
}
