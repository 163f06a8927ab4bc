namespace Campaigns.Api.Suppressions;

/// <param name="Received">Distinct numbers in the request, after normalisation.</param>
/// <param name="Added">Of those, the ones that were not suppressed already.</param>
internal sealed record SuppressionsAdded(int Received, int Added);
