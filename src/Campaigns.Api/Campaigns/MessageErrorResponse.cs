namespace Campaigns.Api.Campaigns;

/// <summary>Why a message failed or is unknown.</summary>
/// <param name="Code">As a code, e.g. <c>gateway.not_on_whatsapp</c>, <c>gateway.delivery_error</c>.</param>
/// <param name="Message">The same in words (the gateway's, when it gave some).</param>
internal sealed record MessageErrorResponse(string Code, string? Message);
