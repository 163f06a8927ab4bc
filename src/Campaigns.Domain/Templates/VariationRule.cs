using Campaigns.Domain.Common;

namespace Campaigns.Domain.Templates;

/// <summary>
/// The content-variation rule: no message body may go to more than <c>maxIdentical</c> recipients of a campaign
/// (default <see cref="DefaultMaxIdentical"/>), bodies compared as <see cref="MessageBody.Normalize"/> does.
/// </summary>
public static class VariationRule
{
    /// <summary>The default largest number of recipients one body may go to: 10.</summary>
    public const int DefaultMaxIdentical = 10;

    /// <summary>The fewest distinct bodies that <paramref name="recipients"/> recipients need: ⌈recipients / maxIdentical⌉.</summary>
    public static long NeededBodies(long recipients, int maxIdentical)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(recipients);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIdentical);
        return (recipients + maxIdentical - 1) / maxIdentical;
    }

    /// <summary>
    /// The check that can be made before rendering: a template that reads no recipient data gives everyone a body
    /// from the same <paramref name="variants"/>, so when that count is an upper bound and too small the rule cannot
    /// hold. Null when the rule may hold (then preparing decides).
    /// </summary>
    /// <param name="variants">How many bodies the template's choices can make.</param>
    /// <param name="variantsIsUpperBound">Whether the template can make no more than <paramref name="variants"/> bodies.</param>
    /// <param name="usesRecipientData">Whether the template reads any column or the phone number.</param>
    public static Error? CheckBeforeRendering(
        long recipients, int maxIdentical, long variants, bool variantsIsUpperBound, bool usesRecipientData)
    {
        var needed = NeededBodies(recipients, maxIdentical);
        return usesRecipientData || !variantsIsUpperBound || variants >= needed
            ? null
            : TemplateErrors.VariationUnreachable(recipients, needed, variants, maxIdentical, overLimit: 0);
    }
}
