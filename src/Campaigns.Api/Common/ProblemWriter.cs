using System.Globalization;

namespace Campaigns.Api.Common;

/// <summary>
/// Writes a problem details answer from middleware and exception handlers, where no endpoint result can be returned;
/// the same shape as <see cref="ErrorResults.ToProblem"/>: <c>code</c>, and <c>field</c> with <c>errors</c> when a field is at fault.
/// </summary>
internal static class ProblemWriter
{
    /// <param name="retryAfterSeconds">When set, the <c>Retry-After</c> header: how long a client should wait before trying again.</param>
    /// <param name="details">Other members of the problem, e.g. the <c>scope</c> a 403 names.</param>
    public static ValueTask<bool> WriteAsync(
        HttpContext context,
        int status,
        string title,
        string code,
        string detail,
        string? field = null,
        Exception? exception = null,
        int? retryAfterSeconds = null,
        IReadOnlyDictionary<string, object?>? details = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        foreach (var (key, value) in ErrorResults.Extensions(code, field, detail).Concat(details ?? new Dictionary<string, object?>()))
        {
            problem.ProblemDetails.Extensions[key] = value;
        }

        return context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(problem);
    }
}
