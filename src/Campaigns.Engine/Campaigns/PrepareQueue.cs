using System.Threading.Channels;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Wakes the prepare worker when a campaign is asked to be prepared. Only a hint: the worker always looks for every
/// campaign left <c>preparing</c> in PostgreSQL, which is the record, so a lost wake-up only delays a prepare until
/// the next poll.
/// </summary>
internal sealed class PrepareQueue
{
    private readonly Channel<CampaignId> _requests = Channel.CreateUnbounded<CampaignId>();

    public void Enqueue(CampaignId id) => _requests.Writer.TryWrite(id);

    /// <summary>Waits for a request, or <paramref name="timeout"/>, then forgets the requests waiting (the worker scans for them all).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _requests.Reader.WaitToReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed without a request: time to scan anyway
        }

        while (_requests.Reader.TryRead(out _))
        {
        }
    }
}
