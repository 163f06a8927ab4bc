using Campaigns.Domain.Common;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Why a prepare sent the campaign back to draft, kept with the campaign until the draft changes. For the variation
/// rule (<c>template.variation_unreachable</c>) it says how many distinct bodies the recipients who share the same
/// personal fields need and how many the template can make. For a template that reached one of its limits
/// (<c>template.limit_exceeded</c>) it says where in the template, and the contact's line in the list's file.
/// </summary>
internal sealed record PrepareError(
    string Code,
    string Message,
    string? Field = null,
    long? Recipients = null,
    long? NeededBodies = null,
    long? PossibleBodies = null,
    int? MaxIdentical = null,
    long? OverLimit = null,
    int? Line = null,
    int? Column = null,
    int? ContactLine = null)
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
            Fact<long>(error, "overLimit"),
            Fact<int>(error, "line"),
            Fact<int>(error, "column"),
            Fact<int>(error, "contactLine"));
    }

    private static T? Fact<T>(Error error, string key)
        where T : struct => error.Details.TryGetValue(key, out var value) && value is T typed ? typed : null;
}
