namespace Campaigns.Api.Messages;

/// <summary>What became of a bulk send's recipients: every one is counted once.</summary>
/// <param name="Accepted">Distinct numbers it sends to.</param>
/// <param name="Invalid">Numbers that could not be read as a mobile number.</param>
/// <param name="Duplicates">Numbers an earlier recipient of the request already had.</param>
/// <param name="Suppressed">Numbers on the tenant's suppression list.</param>
internal sealed record BulkRecipientCountsResponse(int Accepted, int Invalid, int Duplicates, int Suppressed);
