using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Contacts;

namespace Campaigns.Engine.BulkSends;

/// <summary>A bulk send accepted: its campaign, the list made of its recipients, the first rows not used, and whether an earlier request under the same key made it.</summary>
/// <param name="List">The list made of its recipients; null once deleted (after the campaign ended).</param>
/// <param name="Errors">The first <see cref="BulkSendService.ErrorsShown"/> recipients not used, by index (their <c>Line</c>).</param>
/// <param name="Replayed">True when the campaign was made by an earlier request with the same idempotency key.</param>
internal sealed record BulkSendOutcome(Campaign Campaign, ContactList? List, IReadOnlyList<ImportRowError> Errors, bool Replayed);
