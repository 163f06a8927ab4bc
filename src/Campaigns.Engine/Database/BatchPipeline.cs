using System.Threading.Channels;

namespace Campaigns.Engine.Database;

/// <summary>
/// The bounded producer/consumer pipeline of the bulk writers (the contact import, preparing a campaign): a producer
/// on the thread pool makes batches (parsing, rendering: CPU work) while the caller's consumer stores them (COPY:
/// PostgreSQL's work), both at once, with at most <see cref="Capacity"/> batches between them, so that memory stays
/// bounded whatever the size of the input.
/// </summary>
/// <remarks>
/// A failure on either side stops the other: the producer's exception reaches the consumer through the channel and
/// is rethrown on the caller's side; the consumer's cancels the producer, which is awaited (its own failure then being
/// secondary) before the consumer's exception goes on. Nothing of the producer is left running when this returns.
/// </remarks>
internal static class BatchPipeline
{
    /// <summary>Batches in flight between producer and consumer: one being stored, one ready, and the producer's own.</summary>
    public const int Capacity = 2;

    /// <param name="produce">Writes batches to the channel; the pipeline completes the channel.</param>
    /// <param name="consume">Stores one batch, on the caller's side.</param>
    public static Task RunAsync<TBatch>(
        Func<ChannelWriter<TBatch>, CancellationToken, Task> produce,
        Func<TBatch, CancellationToken, Task> consume,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(produce);
        return RunAsync<TBatch, bool>(
            async (output, token) =>
            {
                await produce(output, token);
                return true;
            },
            consume,
            cancellationToken);
    }

    /// <param name="produce">Writes batches to the channel and returns its result; the pipeline completes the channel.</param>
    /// <param name="consume">Stores one batch, on the caller's side.</param>
    /// <returns>The producer's result, once every batch has been consumed.</returns>
    public static async Task<TResult> RunAsync<TBatch, TResult>(
        Func<ChannelWriter<TBatch>, CancellationToken, Task<TResult>> produce,
        Func<TBatch, CancellationToken, Task> consume,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(produce);
        ArgumentNullException.ThrowIfNull(consume);
        var channel = Channel.CreateBounded<TBatch>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var result = await produce(channel.Writer, stop.Token);
                    channel.Writer.TryComplete();
                    return result;
                }
                catch (Exception ex) // handed to the consumer, which rethrows it on its side of the channel
                {
                    channel.Writer.TryComplete(ex);
                    throw;
                }
            },
            CancellationToken.None); // always started, so that the channel is always completed

        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token))
            {
                await consume(batch, stop.Token);
            }
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(producer); // the producer's own failure, if any, is secondary to ours
            throw;
        }

        return await producer;
    }
}
