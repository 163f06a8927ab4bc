using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Jobs;

internal static class JobStorageServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire's storage in PostgreSQL as a <see cref="JobStorage"/> singleton of this container, with
    /// <see cref="HangfireOptions"/> bound from <c>Hangfire</c> and checked at start. Never <c>JobStorage.Current</c>:
    /// several hosts on several databases may share a process (the tests do). Clients, servers and the dashboard are the
    /// host's to add; registered before them, this storage is the one they take.
    /// </summary>
    public static IServiceCollection AddJobStorage(this IServiceCollection services, string connectionString)
    {
        services.AddOptions<HangfireOptions>()
            .BindConfiguration(HangfireOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(_ => new HangfireConnectionFactory(connectionString));
        services.AddSingleton<JobStorage>(provider => CreateStorage(
            provider.GetRequiredService<HangfireConnectionFactory>(), provider.GetRequiredService<IOptions<HangfireOptions>>().Value));
        return services;
    }

    public static PostgreSqlStorage CreateStorage(IConnectionFactory connections, HangfireOptions options) => new(connections, new PostgreSqlStorageOptions
    {
        SchemaName = HangfireSchema.Name,
        PrepareSchemaIfNecessary = false, // installed by the migrations, once, under their lock
        AllowDegradedModeWithoutStorage = false, // fail at start, not later
        QueuePollInterval = options.QueuePollInterval,
        InvisibilityTimeout = options.InvisibilityTimeout,
        UseSlidingInvisibilityTimeout = true, // long jobs (dispatch loops, big prepares) keep their fetch alive
        DistributedLockTimeout = options.DistributedLockTimeout,
    });
}
