using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Campaigns.Api.Tests.Common;

/// <summary>
/// Tells a test when Kestrel starts reading a request's body (its debug event 25, "started reading request body"):
/// for a request whose body is held, the moment it is inside its endpoint, past the rate limiter that let it in.
/// </summary>
internal sealed class BodyReadSignal : ILoggerProvider
{
    private const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Adds the signal to a host (at debug level for Kestrel's category, in this provider only), and lets bodies be held
    /// for as long as a loaded machine needs: Kestrel drops a body slower than 240 bytes/s after 5 s.
    /// </summary>
    public void HeldBodies(IServiceCollection services)
    {
        services.AddLogging(logging => logging.AddProvider(this).AddFilter<BodyReadSignal>(KestrelCategory, LogLevel.Debug));
        services.Configure<KestrelServerOptions>(options => options.Limits.MinRequestBodyDataRate = null);
    }

    /// <summary>Completes when the next body starts being read, after this call.</summary>
    public Task NextAsync()
    {
        _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _next.Task;
    }

    public ILogger CreateLogger(string categoryName) => categoryName == KestrelCategory ? new Logger(this) : NullLogger;

    public void Dispose()
    {
    }

    private static readonly ILogger NullLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private sealed class Logger(BodyReadSignal signal) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 25)
            {
                signal._next.TrySetResult();
            }
        }
    }
}
