using System.Text.Json;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>The <c>response</c> wrapper of an error body; <paramref name="Message"/> is polymorphic (see <see cref="GatewayErrorBody"/>).</summary>
internal sealed record GatewayErrorResponse(JsonElement? Message = null);
