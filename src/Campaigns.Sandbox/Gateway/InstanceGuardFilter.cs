using Campaigns.Sandbox.Instances;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox.Gateway;

/// <summary>
/// The guards of every <c>/{group}/{action}/{instance}</c> route, in Evolution's order: the instance must exist (404,
/// BEFORE auth, so even a bad key gets 404), then the <c>apikey</c> header must be the global key or that instance's
/// own token (401). The instance is left in <see cref="HttpContext.Items"/> for the handler.
/// </summary>
internal sealed class InstanceGuardFilter(InstanceRegistry registry, IOptions<SandboxOptions> options) : IEndpointFilter
{
    public const string RouteValue = "instance";
    public const string HeaderName = "apikey";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var name = http.GetRouteValue(RouteValue) as string ?? "";
        if (registry.Find(name) is not { } instance)
        {
            return EvolutionErrors.InstanceNotFound(name);
        }

        var key = http.Request.Headers[HeaderName].ToString();
        if (key.Length == 0 || (key != options.Value.ApiKey && key != instance.Token))
        {
            return EvolutionErrors.Unauthorized();
        }

        http.Items[typeof(SandboxInstance)] = instance;
        return await next(context);
    }

    /// <summary>The instance the guard let through.</summary>
    public static SandboxInstance Instance(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[typeof(SandboxInstance)] as SandboxInstance
               ?? throw new InvalidOperationException("The route has no InstanceGuardFilter.");
    }
}
