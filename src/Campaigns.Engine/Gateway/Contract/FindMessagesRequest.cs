namespace Campaigns.Engine.Gateway.Contract;

/// <summary>Body of <c>POST /chat/findMessages/{instance}</c>.</summary>
/// <param name="Page">1-based page; the gateway's default is 1.</param>
/// <param name="Offset">The page SIZE (the gateway's name for it); its default is 50. <c>limit</c> is ignored by the gateway.</param>
internal sealed record FindMessagesRequest(FindMessagesWhere Where, int? Page = null, int? Offset = null);
