namespace Campaigns.Engine.Precheck;

/// <summary>What one pre-check run did.</summary>
/// <param name="FromCache">Messages settled from <c>number_checks</c> without a call.</param>
/// <param name="Lookups">Calls of <c>whatsappNumbers</c> made (answered or failed).</param>
/// <param name="Checked">Numbers the gateway answered.</param>
/// <param name="NotOnWhatsApp">Of those, numbers not on WhatsApp.</param>
internal sealed record PrecheckRun(int FromCache, int Lookups, int Checked, int NotOnWhatsApp);
