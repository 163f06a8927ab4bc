using Campaigns.Domain.Common;

namespace Campaigns.Domain.Templates;

/// <summary>
/// A template's text read for spintax: its pieces (<see cref="SpintaxText"/>, <see cref="SpintaxEscape"/>,
/// <see cref="SpintaxCode"/> and <see cref="SpintaxGroup"/>) and the problems found. The pieces are usable even when
/// there are errors (an unclosed group is closed at the end, a stray <c>}</c> is kept as text), so that the code can
/// still be checked and every problem reported at once.
/// </summary>
public sealed class SpintaxTemplate
{
    internal SpintaxTemplate(string text, IReadOnlyList<SpintaxPart> parts, IReadOnlyList<Error> errors)
    {
        Text = text;
        Parts = parts;
        Errors = errors;
        VariantCount = Count(parts);
        MinimumLength = MinLength(parts);
    }

    /// <summary>The template's text as written.</summary>
    public string Text { get; }

    public IReadOnlyList<SpintaxPart> Parts { get; }

    public IReadOnlyList<Error> Errors { get; }

    /// <summary>
    /// How many different ways the groups can be chosen: options of a group add up, groups in a row multiply, and the
    /// count stops at <see cref="long.MaxValue"/>. 1 for a template without groups. Code is not counted.
    /// </summary>
    public long VariantCount { get; }

    /// <summary>The length of the shortest text the groups can make, counting text outside code only.</summary>
    public int MinimumLength { get; }

    private static long Count(IReadOnlyList<SpintaxPart> parts)
    {
        long product = 1;
        foreach (var part in parts)
        {
            if (part is SpintaxGroup group)
            {
                long sum = 0;
                foreach (var option in group.Options)
                {
                    sum = SaturatingAdd(sum, Count(option.Parts));
                }

                product = SaturatingMultiply(product, Math.Max(sum, 1));
            }
        }

        return product;
    }

    private static int MinLength(IReadOnlyList<SpintaxPart> parts)
    {
        long length = 0;
        foreach (var part in parts)
        {
            length += part switch
            {
                SpintaxText text => text.Length,
                SpintaxEscape => 1,
                SpintaxGroup group => group.Options.Count == 0 ? 0 : group.Options.Min(o => MinLength(o.Parts)),
                _ => 0,
            };
        }

        return (int)Math.Min(length, int.MaxValue);
    }

    internal static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    internal static long SaturatingMultiply(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}
