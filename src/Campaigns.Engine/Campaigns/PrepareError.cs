using Campaigns.Domain.Common;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Why a prepare sent the campaign back to draft, kept with the campaign until the draft changes. For the variation
/// rule (<c>template.variation_unreachable</c>) it says how many distinct bodies the recipients who share the same
/// personal fields need and how many the template can make.
/// </summary>
internal sealed record PrepareError(
    string Code,
    string Message,
    string? Field = null,
    long? Recipients = null,
    long? NeededBodies = null,
    long? PossibleBodies = null,
    int? MaxIdentical = null,
    long? OverLimit = null)
{
    public static PrepareError From(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new PrepareError(
            error.Code,
            error.Message,
            error.Field,
            Fact<long>(error, "recipients"),
            Fact<long>(error, "neededBodies"),
            Fact<long>(error, "possibleBodies"),
            Fact<int>(error, "maxIdentical"),
            Fact<long>(error, "overLimit"));
    }

    private static T? Fact<T>(Error error, string key)
        where T : struct => error.Details.TryGetValue(key, out var value) && value is T typed ? typed : null;
}
