namespace Campaigns.Engine.Gateway.Contract;

/// <summary>One row of a stored message's <c>MessageUpdate</c> list.</summary>
internal sealed record MessageStatusUpdate(GatewayMessageStatus Status = GatewayMessageStatus.Unknown);
