using System.Diagnostics;
using System.Globalization;

namespace Campaigns.Bench.Cluster;

/// <summary>
/// One of our hosts (the Api or the Sandbox) as a separate OS process, <c>dotnet &lt;dll&gt;</c> on a port of its own,
/// configured through the environment, its output appended to a log file. It can be killed (SIGKILL, as
/// <c>kill -9</c>) and started again on the same port; its CPU time adds up over every incarnation.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _readyPath;
    private readonly string _logPath;
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Lock _logGate = new();
    private Process? _process;
    private StreamWriter? _log;
    private double _endedCpuSeconds;

    public ServiceProcess(string name, string dll, int port, IReadOnlyDictionary<string, string> environment, string readyPath, string logFolder)
    {
        Name = name;
        _dll = dll;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _environment = new Dictionary<string, string>(environment) { ["Urls"] = BaseAddress.ToString().TrimEnd('/') };
        _readyPath = readyPath;
        _logPath = Path.Combine(logFolder, name + ".log");
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public string LogPath => _logPath;

    /// <summary>The live process's id; null when it is not running.</summary>
    public int? Pid => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>CPU-seconds used by every incarnation so far (a killed one counts up to its last reading, just before the kill).</summary>
    public double CpuSeconds => _endedCpuSeconds + (Pid is { } pid ? ProcessCpu.Seconds(pid) : 0);

    /// <summary>Starts the process and waits until <c>readyPath</c> answers 2xx; throws with the log's tail if it does not.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Pid is not null)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        _process = Launch(_dll, [], _environment);
        lock (_logGate)
        {
            _log ??= new StreamWriter(_logPath, append: true) { AutoFlush = true };
            _log.WriteLine($"---- {Name} started (pid {_process.Id}) at {DateTimeOffset.UtcNow:O}");
        }

        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) while starting:\n{Tail()}");
            }

            try
            {
                using var response = await _probe.GetAsync(new Uri(BaseAddress, _readyPath), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // a slow answer while it warms up
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"{Name} did not answer {_readyPath} within {StartTimeout.TotalSeconds:F0} s:\n{Tail()}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary><c>kill -9</c>: SIGKILL, no shutdown of any kind (its CPU time is read just before).</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        _endedCpuSeconds += ProcessCpu.Seconds(process.Id);
        process.Kill(entireProcessTree: false); // SIGKILL on Linux
        process.WaitForExit();
        lock (_logGate)
        {
            _log?.WriteLine($"---- {Name} killed (SIGKILL) at {DateTimeOffset.UtcNow:O}");
        }

        process.Dispose();
        _process = null;
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string Tail(int lines = 40)
    {
        lock (_logGate)
        {
            _log?.Flush();
        }

        using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    /// <summary>Runs the dll once with <paramref name="arguments"/> (a command such as <c>tenant create</c>) and returns its standard output.</summary>
    public static async Task<string> RunOnceAsync(
        string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        using var process = Launch(dll, arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet {Path.GetFileName(dll)} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await errors}");
        }

        return await output;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _probe.Dispose();
        lock (_logGate)
        {
            _log?.Dispose();
            _log = null;
        }

        await ValueTask.CompletedTask;
    }

    private static Process Launch(string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, // the content root: appsettings.json is found there
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {dll}.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _log?.WriteLine(line);
        }
    }
}
