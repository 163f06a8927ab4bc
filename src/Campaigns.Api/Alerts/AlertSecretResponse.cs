namespace Campaigns.Api.Alerts;

/// <summary>The alert URL just set and its signing secret, shown this once (only its encrypted form is kept).</summary>
/// <param name="Secret">Verify each alert with it: <c>Campaigns-Signature: t=…,v1=hex(HMAC-SHA256(secret, "{t}.{body}"))</c>.</param>
internal sealed record AlertSecretResponse(string Url, string Secret);
