using Campaigns.Api.Hosting;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Jobs;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Jobs;

internal static class HangfireHostServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire's client and recurring-job manager over the Engine's storage, and with <see cref="HostRoles.Worker"/> two
    /// servers: one for queue <c>prepare</c> (<c>Campaigns:Prepare:Workers</c> workers, so prepares cannot take every
    /// worker) and one for <c>dispatch</c> and <c>default</c> (<c>Hangfire:WorkerCount</c>).
    /// </summary>
    /// <remarks>
    /// Hangfire keeps process-wide defaults (<c>JobStorage.Current</c>, <c>JobActivator.Current</c>) that the last host
    /// configured would win. The storage and the activator are registered here, per container, before
    /// <c>AddHangfire</c> (which only adds what is missing), and handed to the servers explicitly: several hosts on
    /// several databases in one process (the tests) each run their own jobs on their own database. Its log provider is
    /// process-wide too: <see cref="HangfireLogProvider"/> survives the host that set it.
    /// </remarks>
    public static IServiceCollection AddCampaignsHangfire(this IServiceCollection services, HostRoles roles)
    {
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .UseOperatorCounters());
        if (roles.HasFlag(HostRoles.Worker))
        {
            services.AddHangfireServer((provider, server) =>
            {
                Configure(provider, server);
                server.ServerName = ServerName("prepare");
                server.Queues = [JobQueues.Prepare];
                server.WorkerCount = provider.GetRequiredService<IOptions<PrepareOptions>>().Value.Workers;
            });
            services.AddHangfireServer((provider, server) =>
            {
                Configure(provider, server);
                server.ServerName = ServerName("main");
                server.Queues = [JobQueues.Dispatch, JobQueues.Default];
                server.WorkerCount = provider.GetRequiredService<IOptions<HangfireOptions>>().Value.WorkerCount;
            });
        }

        return services;
    }

    private static void Configure(IServiceProvider provider, BackgroundJobServerOptions server)
    {
        server.Activator = provider.GetRequiredService<JobActivator>();
        server.SchedulePollingInterval = provider.GetRequiredService<IOptions<HangfireOptions>>().Value.SchedulePollingInterval;
    }

    /// <summary>Machine and server, as the dashboard's Servers page lists them (Hangfire appends the process id and a unique suffix).</summary>
    private static string ServerName(string server) => $"{Environment.MachineName}:{server}";
}
