using Campaigns.Sandbox.Audit;
using Campaigns.Sandbox.Control;
using Campaigns.Sandbox.Faults;
using Campaigns.Sandbox.Instances;
using Campaigns.Sandbox.Messages;
using Campaigns.Sandbox.Network;
using Campaigns.Sandbox.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Sandbox;

internal static class SandboxServiceCollectionExtensions
{
    /// <summary>The sandbox's services. State is in memory and shared, so everything is a singleton.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services)
    {
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FaultOptions>().BindConfiguration(FaultOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PhoneNetwork>();
        services.AddSingleton<SandboxSwitches>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<WebhookStateFile>();
        services.AddSingleton<InstanceRegistry>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<SendLedger>();
        services.AddSingleton<MessageSender>();
        services.AddSingleton<FaultInjector>();

        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxConnections,
            });
        services.AddProblemDetails();
        return services;
    }
}
