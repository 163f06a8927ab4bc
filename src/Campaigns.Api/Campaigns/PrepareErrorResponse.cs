using Campaigns.Domain.Common;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>
/// Why a prepare sent the campaign back to draft. For <c>template.variation_unreachable</c>: how many recipients share
/// the same personal fields, how many distinct texts they need, and how many the template can make.
/// </summary>
internal sealed record PrepareErrorResponse(
    string Code,
    string Message,
    string? Field,
    long? Recipients,
    long? NeededBodies,
    long? PossibleBodies,
    int? MaxIdentical,
    long? OverLimit)
{
    public static PrepareErrorResponse From(PrepareError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.Code, error.Message, error.Field, error.Recipients, error.NeededBodies, error.PossibleBodies, error.MaxIdentical, error.OverLimit);
    }

    public static PrepareErrorResponse From(Error error) => From(PrepareError.From(error));
}
