using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Tests.Gateway;

/// <summary>Keeps every log entry (formatted message and exception text) to check what the client writes.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId EventId, string Text)> _entries = new();

    public IReadOnlyList<(EventId EventId, string Text)> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(_entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(EventId EventId, string Text)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((eventId, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}
