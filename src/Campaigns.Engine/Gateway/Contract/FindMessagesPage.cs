namespace Campaigns.Engine.Gateway.Contract;

/// <summary>One page of <c>/chat/findMessages</c>, newest first. Nothing found is a page with no records (200, not 404).</summary>
internal sealed record FindMessagesPage(int Total, int Pages, int CurrentPage, IReadOnlyList<StoredMessage> Records);
