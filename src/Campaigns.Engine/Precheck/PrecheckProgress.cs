namespace Campaigns.Engine.Precheck;

/// <summary>How far the pre-check of a campaign is.</summary>
/// <param name="Unchecked">Queued messages whose number is not checked yet (they cannot be sent until it is).</param>
/// <param name="NotOnWhatsApp">Messages skipped because their number is not on WhatsApp.</param>
internal sealed record PrecheckProgress(int Unchecked, int NotOnWhatsApp);
