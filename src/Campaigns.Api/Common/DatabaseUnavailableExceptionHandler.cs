using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Campaigns.Api.Common;

/// <summary>
/// Answers 503 with <c>Retry-After</c> (problem <c>code</c> <c>database.unavailable</c>) when a request fails because
/// PostgreSQL cannot be reached or cannot serve now (refused or lost connections, timeouts, "too many connections",
/// shutting down: Npgsql's <see cref="NpgsqlException.IsTransient"/>), as <c>/health</c> does, so that clients retry
/// rather than report a bug. Other database errors stay 500s: they are bugs.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait: long enough for a restart or a fail-over to begin, short enough to notice.</summary>
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsUnreachable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        logger.DatabaseUnavailable(exception, httpContext.Request.Method, httpContext.Request.Path);
        return await ProblemWriter.WriteAsync(
            httpContext, StatusCodes.Status503ServiceUnavailable, "Service unavailable", "database.unavailable",
            $"The database cannot be reached just now. Retry in {RetryAfterSeconds} s.", exception: exception, retryAfterSeconds: RetryAfterSeconds);
    }

    private static bool IsUnreachable(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
