namespace Campaigns.Api.Campaigns;

/// <summary>How far the check of the campaign's numbers on WhatsApp is (a message is sent only once its number is checked).</summary>
/// <param name="Unchecked">Queued messages whose number is not checked yet.</param>
/// <param name="NotOnWhatsApp">Messages skipped because their number is not on WhatsApp (counted in <c>counts.skipped</c> too).</param>
internal sealed record PrecheckProgressResponse(int Unchecked, int NotOnWhatsApp);
