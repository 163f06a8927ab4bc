namespace Campaigns.Api.Messages;

/// <summary>A recipient not sent to: its index in <c>recipients</c> (from 0), the field at fault, and why.</summary>
internal sealed record BulkRecipientErrorResponse(int Index, string Field, string Reason);
