using Campaigns.Engine.Templates;

namespace Campaigns.Engine.Campaigns;

/// <summary>One contact of a list as planned: their number, the line of the list's file, and the outcome.</summary>
internal sealed record PlannedRecipient(string Phone, int Line, PlannedMessage Planned);
