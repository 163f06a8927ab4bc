using Campaigns.Domain.Common;
using Campaigns.Domain.Replies;
using Campaigns.Domain.Tenants;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Replies;

/// <summary>
/// Reads and replaces a tenant's opt-out settings, checked against the words in force (<see cref="OptOutOptions"/>).
/// The confirmations are sent in answer to an opt-out or re-subscribe reply (<see cref="ReplyApplier"/>) as direct sends
/// (<see cref="Direct.DirectSendService.ConfirmAsync"/>), through the sender's pacing and daily cap like every message.
/// </summary>
internal sealed class OptOutSettingsService(OptOutSettingsStore store, IOptions<OptOutOptions> options)
{
    /// <summary>The words every tenant has (the defaults, or the configured ones).</summary>
    public OptOutKeywords Words { get; } = options.Value.Words();

    /// <summary>The opt-out words every tenant has, as configured.</summary>
    public IReadOnlyList<string> StopWords { get; } = options.Value.StopKeywords ?? OptOutKeywords.DefaultStop;

    /// <summary>The re-subscribe words, as configured.</summary>
    public IReadOnlyList<string> StartWords { get; } = options.Value.StartKeywords ?? OptOutKeywords.DefaultStart;

    public async Task<Result<OptOutSettings>> GetAsync(TenantId tenant, CancellationToken cancellationToken) =>
        await store.FindAsync(tenant, cancellationToken) is { } settings ? settings : CommonErrors.NotFound("tenant");

    public async Task<Result<OptOutSettings>> SaveAsync(
        TenantId tenant, IReadOnlyList<string?>? keywords, string? confirmation, string? resubscribeConfirmation, CancellationToken cancellationToken)
    {
        var settings = OptOutSettings.Create(keywords, confirmation, resubscribeConfirmation, Words);
        if (!settings.IsSuccess)
        {
            return settings;
        }

        return await store.SaveAsync(tenant, settings.Value, cancellationToken) ? settings : CommonErrors.NotFound("tenant");
    }
}
