using Campaigns.Engine.Database;

namespace Campaigns.Engine.Tests.Database;

public sealed class BatchPipelineTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_EveryBatch_IsConsumedInOrderAndTheProducersResultReturned()
    {
        var consumed = new List<int>();

        var result = await BatchPipeline.RunAsync<int, string>(
            async (output, token) =>
            {
                for (var i = 0; i < 10; i++)
                {
                    await output.WriteAsync(i, token);
                }

                return "done";
            },
            (batch, _) =>
            {
                consumed.Add(batch);
                return Task.CompletedTask;
            },
            Cancel);

        Assert.Equal("done", result);
        Assert.Equal(Enumerable.Range(0, 10), consumed);
    }

    [Fact]
    public async Task RunAsync_ProducerFails_TheConsumerSideGetsItsException()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BatchPipeline.RunAsync<int>(
            async (output, token) =>
            {
                await output.WriteAsync(1, token);
                throw new InvalidOperationException("bad row");
            },
            (_, _) => Task.CompletedTask,
            Cancel));

        Assert.Equal("bad row", error.Message);
    }

    [Fact]
    public async Task RunAsync_ConsumerFails_TheProducerIsStoppedBeforeItReturns()
    {
        var produced = 0;
        var producerEnded = false;

        await Assert.ThrowsAsync<TimeoutException>(() => BatchPipeline.RunAsync<int>(
            async (output, token) =>
            {
                try
                {
                    while (true)
                    {
                        await output.WriteAsync(++produced, token); // blocks when two batches wait: memory is bounded
                    }
                }
                finally
                {
                    producerEnded = true;
                }
            },
            (_, _) => throw new TimeoutException("COPY failed"),
            Cancel));

        Assert.True(producerEnded);
        Assert.InRange(produced, 1, BatchPipeline.Capacity + 2);
    }
}
