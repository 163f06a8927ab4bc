namespace Campaigns.Api.Suppressions;

internal sealed record SuppressionResponse(string Phone, string Reason, DateTimeOffset CreatedAt, string? Detail);
