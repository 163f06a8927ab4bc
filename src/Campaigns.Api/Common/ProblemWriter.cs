namespace Campaigns.Api.Common;

/// <summary>
/// Writes a problem details answer from middleware and exception handlers, where no endpoint result can be returned;
/// the same shape as <see cref="ErrorResults.ToProblem"/>: <c>code</c>, and <c>field</c> with <c>errors</c> when a field is at fault.
/// </summary>
internal static class ProblemWriter
{
    public static ValueTask<bool> WriteAsync(
        HttpContext context, int status, string title, string code, string detail, string? field = null, Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        };
        if (field is not null)
        {
            problem.ProblemDetails.Extensions["field"] = field;
            problem.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(problem);
    }
}
