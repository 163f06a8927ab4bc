using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Campaigns.Domain.Pacing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// One long-running dispatch loop on one slot: it claims due numbers demand-sized (<see cref="DispatchClaimer"/>),
/// keeps up to <see cref="DispatchOptions.MaxInFlight"/> sends in flight, writes finished sends in batches every
/// <see cref="DispatchOptions.CompletionInterval"/> (<see cref="DispatchCompleter"/>), and sleeps until the next due
/// time (a one-row index scan of <c>numbers_due</c>, at most <see cref="DispatchOptions.MaxIdle"/>, with a little jitter)
/// or until a send finishes. After <see cref="DispatchOptions.LoopLifetime"/> it stops claiming, drains its sends and
/// ends, to be started again by the watchdog. A plain async method: Hangfire's job, a hosted service or a test runs it.
/// </summary>
/// <remarks>
/// Pacing is measured from when a send's answer came (on the database's clock: the claim's <c>now()</c> plus a
/// monotonic clock started before the claim), an upper bound of when the gateway acted on it, so the gap the gateway
/// sees between two sends of a number is never under the drawn gap, whatever the latency. A cancelled loop stops its
/// sends too: their outcome is unknown and reconciliation settles them; nothing is resent blindly.
/// </remarks>
internal sealed class DispatchLoop(
    DispatchClaimer claimer,
    DispatchGateway gateway,
    DispatchCompleter completer,
    DispatchSlots slots,
    NpgsqlDataSource dataSource,
    IOptions<DispatchOptions> options,
    IRandomSource random,
    TimeProvider time,
    ILogger<DispatchLoop> logger,
    IOptions<PacingOptions> pacingOptions)
{
    private readonly DispatchClaimer _claimer = claimer;
    private readonly DispatchGateway _gateway = gateway;
    private readonly DispatchCompleter _completer = completer;
    private readonly DispatchSlots _slots = slots;
    private readonly TimeProvider _time = time;
    private readonly ILogger<DispatchLoop> _logger = logger;
    private readonly DispatchOptions _options = options.Value;
    private readonly PacingOptions _pacing = pacingOptions.Value;
    private readonly Lock _randomGate = new();

    /// <summary>Runs the loop of <paramref name="slot"/> until its lifetime ends or <paramref name="cancellationToken"/> fires.</summary>
    /// <returns>The sends it made; 0 also when another loop holds the slot.</returns>
    public async Task<long> RunAsync(int slot, CancellationToken cancellationToken)
    {
        var owner = string.Join(
            '/', Environment.MachineName, Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            slot.ToString(CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N")[..8]);
        if (!await _slots.TryAcquireAsync(slot, owner, cancellationToken))
        {
            _logger.SlotTaken(slot);
            return 0;
        }

        _logger.LoopStarted(owner, slot);
        using var run = new Run(this, owner);
        try
        {
            await run.LoopAsync(slot, cancellationToken);
        }
        finally
        {
            await run.DrainAsync();
            await _slots.ReleaseAsync(slot, owner, CancellationToken.None);
            _logger.LoopEnded(owner, run.Sends);
        }

        return run.Sends;
    }

    /// <summary>
    /// The number's next send time after <paramref name="send"/>: max(request + planned gap, answer + floor), the gap
    /// planned by the sender's profile (<see cref="SendGap.Plan"/>) from what is left of its local day (the open time of
    /// the sent message's window until the day's end, and the claim's budget) and slowed after a reconnect.
    /// </summary>
    private Instant Next(ClaimedSend send, Instant requestedAt, Instant answeredAt)
    {
        var sender = send.Sender;
        var slowdown = ReconnectRamp.Factor(
            sender.ReconnectedAt, answeredAt, Duration.FromTimeSpan(_pacing.ReconnectRamp), _pacing.ReconnectSlowdown);
        var left = sender.Pacing.Profile is PacingProfile.Spread && send.Budget is { } budget
            ? new DayLeft(OpenTimeLeft(send, answeredAt, SenderDay.StartOfNext(budget.Day, sender.Settings.TimeZone)), budget.Cap - budget.SentToday)
            : null;
        lock (_randomGate)
        {
            return Pacing.Next(requestedAt, answeredAt, sender.Settings, SendGap.Plan(sender.Settings, sender.Pacing.Profile, left, slowdown, random));
        }
    }

    /// <summary>The open time of the sent message's window (read in its zone) between <paramref name="from"/> and <paramref name="until"/>.</summary>
    private static Duration OpenTimeLeft(ClaimedSend send, Instant from, Instant until) =>
        until <= from ? Duration.Zero : send.Window.OpenTimeLeft(from, send.WindowZone, until);

    /// <summary>When the next number falls due, from now; null when none is waiting.</summary>
    private async Task<TimeSpan?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select extract(epoch from next_send_at - now())::float8 from campaigns.numbers
            where next_send_at is not null order by next_send_at limit 1
            """);
        return await command.ExecuteScalarAsync(cancellationToken) is double seconds ? TimeSpan.FromSeconds(Math.Max(seconds, 0)) : null;
    }

    private TimeSpan Jitter()
    {
        lock (_randomGate)
        {
            return TimeSpan.FromMilliseconds(20 * random.NextDouble());
        }
    }

    /// <summary>The state of one run of the loop.</summary>
    private sealed class Run(DispatchLoop loop, string owner) : IDisposable
    {
        private readonly Channel<SendCompletion> _completions = Channel.CreateUnbounded<SendCompletion>();
        private readonly ConcurrentDictionary<Task, bool> _sends = new();
        private readonly SemaphoreSlim _wake = new(0);
        private int _inFlight;
        private long _sent;

        public long Sends => Interlocked.Read(ref _sent);

        public void Dispose() => _wake.Dispose();

        public async Task LoopAsync(int slot, CancellationToken cancellationToken)
        {
            var options = loop._options;
            var started = loop._time.GetTimestamp();
            var renewed = started;
            var flushed = started;
            while (!cancellationToken.IsCancellationRequested && loop._time.GetElapsedTime(started) < options.LoopLifetime)
            {
                try
                {
                    if (loop._time.GetElapsedTime(renewed) >= options.SlotLease / 3)
                    {
                        if (!await loop._slots.RenewAsync(slot, owner, cancellationToken))
                        {
                            loop._logger.SlotLost(owner, slot);
                            return;
                        }

                        renewed = loop._time.GetTimestamp();
                    }

                    if (loop._time.GetElapsedTime(flushed) >= options.CompletionInterval)
                    {
                        await FlushAsync(cancellationToken);
                        flushed = loop._time.GetTimestamp();
                    }

                    var demand = options.MaxInFlight - Volatile.Read(ref _inFlight);
                    var full = false;
                    if (demand > 0)
                    {
                        var claim = await loop._claimer.ClaimAsync(demand, owner, cancellationToken);
                        foreach (var send in claim.Sends)
                        {
                            Start(send, claim, cancellationToken);
                        }

                        // A claim that found as many due numbers as it could take may have left more: claim again at once.
                        full = claim.Due >= demand;
                    }

                    if (full)
                    {
                        continue;
                    }

                    // With every slot taken only a finished send (which wakes the loop) makes room: no need to look.
                    var idle = options.MaxIdle;
                    if (demand > 0 && await loop.NextDueAsync(cancellationToken) is { } due && due < idle)
                    {
                        idle = due;
                    }

                    var flushIn = options.CompletionInterval - loop._time.GetElapsedTime(flushed);
                    if (_completions.Reader.Count > 0 && flushIn < idle)
                    {
                        idle = flushIn < TimeSpan.Zero ? TimeSpan.Zero : flushIn;
                    }

                    await _wake.WaitAsync(idle + loop.Jitter(), cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                {
                    // The database hiccuped: nothing was claimed in a failed transaction; try again after a pause.
                    loop._logger.StepFailed(exception, owner);
                    await Task.Delay(options.MaxIdle, loop._time, CancellationToken.None);
                }
            }
        }

        /// <summary>Waits for every send still in flight, then writes what is left.</summary>
        public async Task DrainAsync()
        {
            await Task.WhenAll(_sends.Keys);
            await FlushAsync(CancellationToken.None);
        }

        private void Start(ClaimedSend send, DispatchClaim claim, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _inFlight);
            var task = SendAsync(send, claim, cancellationToken);
            _sends[task] = true;
            _ = task.ContinueWith(t => _sends.TryRemove(t, out _), TaskScheduler.Default);
        }

        private async Task SendAsync(ClaimedSend send, DispatchClaim claim, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var requestedAt = claim.UpperBoundNow(loop._time); // the jitter counts from here, the floor from the answer
            if (!send.MayLeaveAt(requestedAt))
            {
                // Claimed before its window closed, due to leave after: back to the queue, the number free at once (the
                // claim then takes a message whose window is open, or sleeps until the next opening).
                Finish(new SendCompletion(send, SendOutcome.WindowClosed, requestedAt, requestedAt));
                return;
            }

            SendOutcome outcome;
            try
            {
                outcome = await loop._gateway.SendAsync(send, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                outcome = new SendOutcome(MessageFate.Reconcile, ErrorCode: "dispatch.cancelled", Sender: SenderEffect.None);
            }
            catch (Exception exception)
            {
                // The boundary of one send: whatever broke, the message may have left; reconciliation decides.
                loop._logger.StepFailed(exception, owner);
                outcome = new SendOutcome(MessageFate.Reconcile, ErrorCode: "dispatch.error", Sender: SenderEffect.None);
            }

            // The answer's moment: an upper bound of when the gateway received the send (recorded as last_sent_at).
            var leftAt = claim.UpperBoundNow(loop._time);
            Finish(new SendCompletion(send, outcome, leftAt, loop.Next(send, requestedAt, leftAt)));
        }

        private void Finish(SendCompletion completion)
        {
            _completions.Writer.TryWrite(completion);
            if (!completion.Outcome.Unsent)
            {
                Interlocked.Increment(ref _sent);
            }

            Interlocked.Decrement(ref _inFlight);
            _wake.Release();
        }

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            var batch = new List<SendCompletion>();
            while (_completions.Reader.TryRead(out var completion))
            {
                batch.Add(completion);
            }

            try
            {
                await loop._completer.CompleteAsync(batch, cancellationToken);
            }
            catch
            {
                // Not written: keep them for the next flush (the guards make a repeat harmless).
                foreach (var completion in batch)
                {
                    _completions.Writer.TryWrite(completion);
                }

                throw;
            }
        }
    }
}
