
namespace Campaigns.Api.Common;

/// <summary>
/// Makes every error answer the product's problem details with a <c>code</c>: requests the framework cannot bind
/// (<see cref="BadRequestExceptionHandler"/>), a database that cannot be reached (<see cref="DatabaseUnavailableExceptionHandler"/>),
/// and the bare statuses the framework writes itself (no route, method not allowed), which get a code by status.
/// </summary>
internal static class ApiProblemsExtensions
{
    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        // Binding failures throw in every environment (the default only in Development, else a bare 400), so that
        // BadRequestExceptionHandler can say which parameter and why.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        services.Configure<ProblemDetailsOptions>(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Extensions.ContainsKey("code"))
            {
                return;
            }

            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Extensions["code"] = CodeFor(status);
            if (problem.Detail is null && status == StatusCodes.Status404NotFound)
            {
                problem.Detail = $"Nothing is at {context.HttpContext.Request.Method} {context.HttpContext.Request.Path} (ids in paths are GUIDs).";
            }
        });
        return services;
    }

    private static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "request.invalid",
        StatusCodes.Status401Unauthorized => "auth.required",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "request.method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "request.too_large",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status503ServiceUnavailable => "server.unavailable",
        >= 500 => "server.error",
        _ => $"http.{status}",
    };
}
