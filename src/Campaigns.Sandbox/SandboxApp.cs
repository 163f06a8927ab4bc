using System.Text.Json;
using Campaigns.Sandbox.Audit;
using Campaigns.Sandbox.Chat;
using Campaigns.Sandbox.Control;
using Campaigns.Sandbox.Faults;
using Campaigns.Sandbox.Gateway;
using Campaigns.Sandbox.Instances;
using Campaigns.Sandbox.Messages;
using Campaigns.Sandbox.Network;
using Campaigns.Sandbox.Webhooks;
using Microsoft.AspNetCore.Diagnostics;

namespace Campaigns.Sandbox;

/// <summary>
/// Builds the sandbox gateway: an Evolution API v2.3.6 look-alike for trying campaigns without a phone, and the
/// witness that records every send and audits the ban-avoidance rules (<c>GET /sandbox/audit</c>).
/// </summary>
public static class SandboxApp
{
    /// <summary>Adds the sandbox's services to <paramref name="builder"/>, builds it and maps every route.</summary>
    /// <param name="overrideServices">Runs after the sandbox's registrations, so tests can replace, e.g., the <c>IClock</c>.</param>
    public static WebApplication Build(WebApplicationBuilder builder, Action<IServiceCollection>? overrideServices = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSandbox();
        overrideServices?.Invoke(builder.Services);

        var app = builder.Build();

        // At start, not in the first request: the instances' zones come from libphonenumber's metadata, slow to read,
        // and the first normalisation of a body loads ICU's NFKC data.
        NumberZones.Load();
        _ = BodyText.Normal("\uFB01rst");
        _ = app.Services.GetRequiredService<InstanceRegistry>();
        app.UseExceptionHandler(errors => errors.Run(UnhandledAsync));

        app.MapGet("/", Welcome).WithName("Welcome").WithSummary("Evolution's welcome; a cheap liveness check");

        var gateway = app.MapGroup("").AddEndpointFilter<FaultFilter>();
        var guarded = gateway.MapGroup("").AddEndpointFilter<InstanceGuardFilter>();
        gateway.MapInstances(guarded);
        guarded.MapChat();
        guarded.MapMessages();
        guarded.MapWebhooks();

        var sandbox = app.MapGroup("/sandbox");
        sandbox.MapControl();
        sandbox.MapAudit();

        app.MapFallback(UnknownRoute);
        return app;
    }

    private static object Welcome() => new
    {
        status = 200,
        message = "Welcome to the Evolution API, it is working!",
        version = "2.3.6",
        clientName = "sandbox",
        manager = (string?)null,
        documentation = "GET /sandbox/audit, GET /sandbox/sends, POST /sandbox/reset",
    };

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<EvolutionError> UnknownRoute(HttpContext http) =>
        EvolutionErrors.UnknownRoute(http.Request.Method, http.Request.Path + http.Request.QueryString);

    /// <summary>An unhandled error, in Evolution's shape: 500 with the error's message as a STRING.</summary>
    private static async Task UnhandledAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await http.Response.WriteAsJsonAsync(
            new EvolutionError(500, "Internal Server Error", new EvolutionError.Body(error?.Message ?? "Internal Server Error")),
            JsonSerializerOptions.Web,
            http.RequestAborted);
    }
}
