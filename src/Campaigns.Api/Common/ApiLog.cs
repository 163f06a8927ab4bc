namespace Campaigns.Api.Common;

/// <summary>Log messages of the API host's own guards (problems, limits, budgets): event ids 3000–3099.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning,
        Message = "The database is unreachable: {Method} {Path} answered 503")]
    public static partial void DatabaseUnavailable(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "{Method} {Path} used up its gateway budget of {Budget} and answered 504")]
    public static partial void GatewayBudgetSpent(this ILogger logger, string method, string path, TimeSpan budget);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "{Method} {Path} refused with 429 ({Limit}) for {Partition}")]
    public static partial void Limited(this ILogger logger, string method, string path, string limit, string partition);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "No Hangfire dashboard: set {Section}:Username and {Section}:Password to serve it to operators at /hangfire")]
    public static partial void DashboardDisabled(this ILogger logger, string section);
}
