namespace Campaigns.Engine.Gateway.Contract;

/// <summary><c>where.messageTimestamp</c> of <c>/chat/findMessages</c>: the gateway needs both ends.</summary>
internal sealed record FindMessagesTimeRange(DateTimeOffset Gte, DateTimeOffset Lte);
