using Campaigns.Domain.Common;

namespace Campaigns.Engine.Contacts;

/// <summary>The ways a change to a whole contact list can be refused.</summary>
internal static class ContactListErrors
{
    public static Error NotFound() => CommonErrors.NotFound("contact list");

    /// <summary>
    /// The list is used by campaigns that are not drafts and not finished (preparing, ready, running, paused): deleting it
    /// would leave them sending to numbers the user asked to remove. Each is named, with its status.
    /// </summary>
    public static Error InUse(IReadOnlyList<ListUser> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentOutOfRangeException.ThrowIfZero(campaigns.Count);
        return new Error(
            "contact_list.in_use",
            $"The list is used by {ListUser.Named(campaigns)}: take a preparing or ready campaign back to draft " +
            "(POST /api/campaigns/{id}/draft) or cancel a running one, then delete the list.",
            Kind: ErrorKind.Conflict)
        {
            Details = ListUser.Details(campaigns),
        };
    }
}
