using Campaigns.Sandbox.Messages;

namespace Campaigns.Sandbox.Chat;

/// <summary><c>{"messages":{"total","pages","currentPage","records"}}</c>: always 200, empty when nothing matched.</summary>
internal sealed record FindMessagesResponse(FindMessagesResponse.Page Messages)
{
    public sealed record Page(int Total, int Pages, int CurrentPage, IReadOnlyList<FoundMessage> Records);
}
