namespace Campaigns.Api.Reports;

/// <summary>Which listing a <see cref="MessageCursor"/> pages through (its byte in the token).</summary>
internal enum MessageListing : byte
{
    /// <summary>One campaign's messages, by phone.</summary>
    Campaign = 1,

    /// <summary>The tenant's log (<c>GET /api/messages</c>), newest campaign first.</summary>
    TenantLog = 2,
}
