using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Campaigns.Api.Jobs;

/// <summary>
/// Hangfire's logs into the host's <see cref="ILoggerFactory"/>, like Hangfire's own provider, except that a disposed
/// factory gives a silent logger instead of throwing.
/// </summary>
/// <remarks>
/// Hangfire has one log provider per process, and the last host configured sets it. In a process with several hosts
/// (the tests) that host may be gone while the others run, and Hangfire creates loggers in constructors, e.g. of
/// <c>AutomaticRetryAttribute</c> when it first reads a job's filters: with its own provider the recurring sweep could
/// not be created ("Cannot access a disposed object: LoggerFactory") for as long as the process lived.
/// </remarks>
internal sealed class HangfireLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
