namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// The filter of <c>/chat/findMessages</c>. To reconcile a send whose outcome is unknown, search by recipient JID,
/// <c>fromMe: true</c> and a time range around the attempt; with a known id, search by <c>Key.Id</c>.
/// </summary>
internal sealed record FindMessagesWhere(FindMessagesKey? Key = null, FindMessagesTimeRange? MessageTimestamp = null);
