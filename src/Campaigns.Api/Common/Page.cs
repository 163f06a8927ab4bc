namespace Campaigns.Api.Common;

/// <summary>A page of a keyset-paged listing; pass <paramref name="Next"/> as <c>after</c> to get the next page (null: last page).</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
