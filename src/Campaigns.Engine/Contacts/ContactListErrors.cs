using Campaigns.Domain.Campaigns;
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
        var named = string.Join(", ", campaigns.Select(c => $"'{c.Name}' ({c.Id}, {StatusText.Name(c.Status)})"));
        return new Error(
            "contact_list.in_use",
            $"The list is used by {(campaigns.Count == 1 ? "campaign" : "campaigns")} {named}: take a preparing or ready campaign back to draft " +
            "(POST /api/campaigns/{id}/draft) or cancel a running one, then delete the list.",
            Kind: ErrorKind.Conflict)
        {
            Details = new Dictionary<string, object?>
            {
                ["campaigns"] = campaigns.Select(c => new Dictionary<string, object?>
                {
                    ["id"] = c.Id.Value,
                    ["name"] = c.Name,
                    ["status"] = StatusText.Name(c.Status),
                }).ToArray(),
            },
        };
    }
}
