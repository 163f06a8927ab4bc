using Campaigns.Domain.Campaigns;

namespace Campaigns.Engine.Contacts;

/// <summary>A campaign that keeps its contact list (or one of its senders) from being deleted.</summary>
internal sealed record ListUser(CampaignId Id, string Name, CampaignStatus Status)
{
    /// <summary>The campaigns as a refusal names them: "campaign 'March' (id, running)" or "campaigns 'A' (…), 'B' (…)".</summary>
    public static string Named(IReadOnlyList<ListUser> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        var named = string.Join(", ", campaigns.Select(c => $"'{c.Name}' ({c.Id}, {StatusText.Name(c.Status)})"));
        return $"{(campaigns.Count == 1 ? "campaign" : "campaigns")} {named}";
    }

    /// <summary>The campaigns as a problem's <c>campaigns</c> member: id, name and status of each.</summary>
    public static Dictionary<string, object?> Details(IReadOnlyList<ListUser> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        return new Dictionary<string, object?>
        {
            ["campaigns"] = campaigns.Select(c => new Dictionary<string, object?>
            {
                ["id"] = c.Id.Value,
                ["name"] = c.Name,
                ["status"] = StatusText.Name(c.Status),
            }).ToArray(),
        };
    }
}
