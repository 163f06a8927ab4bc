namespace Campaigns.Engine.Gateway.Contract;

/// <summary>Answer of <c>/chat/findMessages</c>: always wrapped, <c>{"messages":{total,pages,currentPage,records}}</c>.</summary>
internal sealed record FindMessagesResponse(FindMessagesPage Messages);
