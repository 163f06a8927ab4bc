using Campaigns.Domain.Common;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>
/// Why a prepare sent the campaign back to draft. For <c>template.variation_unreachable</c>: how many recipients share
/// the same personal fields, how many distinct texts they need, and how many the template can make. For
/// <c>template.limit_exceeded</c>: the line and column in the template, and the line of the contact it was met with.
/// </summary>
internal sealed record PrepareErrorResponse(
    string Code,
    string Message,
    string? Field,
    long? Recipients,
    long? NeededBodies,
    long? PossibleBodies,
    int? MaxIdentical,
    long? OverLimit,
    int? Line,
    int? Column,
    int? ContactLine)
{
    public static PrepareErrorResponse From(PrepareError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.Code, error.Message, error.Field, error.Recipients, error.NeededBodies, error.PossibleBodies, error.MaxIdentical, error.OverLimit,
            error.Line, error.Column, error.ContactLine);
    }

    public static PrepareErrorResponse From(Error error) => From(PrepareError.From(error));
}
