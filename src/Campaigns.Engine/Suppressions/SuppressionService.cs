using Campaigns.Domain.Common;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Contacts;

namespace Campaigns.Engine.Suppressions;

/// <summary>
/// The rules of a tenant's suppression list: numbers are read against a region (the request's, else the configured
/// default) and stored in E.164; a request is all or nothing (one unreadable number refuses it, naming each with its
/// position); at most <see cref="MaxNumbersPerRequest"/> numbers at once. A number is removed by any spelling that
/// reads as it. The API only turns bodies into <see cref="SuppressionNumber"/>s and answers.
/// </summary>
internal sealed class SuppressionService(SuppressionStore store)
{
    /// <summary>The most numbers one request may suppress: 100,000.</summary>
    public const int MaxNumbersPerRequest = 100_000;

    /// <summary>Why numbers added by hand are suppressed.</summary>
    private const string ManualReason = "manual";

    /// <param name="region">The region numbers without a country code are read against (ISO 3166 alpha-2).</param>
    /// <returns>How many distinct numbers the request named, and how many of them were not on the list yet.</returns>
    public async Task<Result<(int Distinct, int Added)>> AddAsync(
        TenantId tenant, IReadOnlyList<SuppressionNumber> numbers, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (!PhoneNormalizer.IsSupportedRegion(region))
        {
            return ImportErrors.UnknownRegion(region);
        }

        if (numbers.Count > MaxNumbersPerRequest)
        {
            return SuppressionErrors.TooMany();
        }

        if (numbers.Count == 0)
        {
            return SuppressionErrors.Empty();
        }

        var upperRegion = region.ToUpperInvariant();
        var phones = new HashSet<string>(numbers.Count, StringComparer.Ordinal);
        var invalid = new List<InvalidSuppression>();
        foreach (var (position, text) in numbers)
        {
            var phone = PhoneNormalizer.Normalize(text, upperRegion);
            if (phone.IsSuccess)
            {
                phones.Add(phone.Value.Value);
            }
            else
            {
                invalid.Add(new InvalidSuppression(position, text, phone.Error.Message));
            }
        }

        if (invalid.Count > 0)
        {
            return SuppressionErrors.InvalidNumbers(invalid);
        }

        var added = await store.AddAsync(tenant, phones, ManualReason, cancellationToken);
        return (phones.Count, added);
    }

    public Task<IReadOnlyList<Suppression>> ListAsync(TenantId tenant, int limit, string? after, CancellationToken cancellationToken) =>
        store.ListAsync(tenant, limit, after, cancellationToken);

    /// <param name="phone">The number as the caller writes it: read against <paramref name="region"/>, or taken as it is.</param>
    public async Task<Result<string>> RemoveAsync(TenantId tenant, string phone, string region, CancellationToken cancellationToken)
    {
        var normalized = PhoneNormalizer.Normalize(phone, region.ToUpperInvariant());
        var key = normalized.IsSuccess ? normalized.Value.Value : phone;
        return await store.RemoveAsync(tenant, key, cancellationToken) ? key : SuppressionErrors.NotSuppressed();
    }
}
