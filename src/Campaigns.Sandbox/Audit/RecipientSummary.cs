namespace Campaigns.Sandbox.Audit;

/// <summary>Sends per recipient over all instances (what reached each phone, whoever sent it).</summary>
/// <param name="Distinct">Recipients who received at least one message.</param>
/// <param name="WithSeveralSends">Recipients who received more than one (different texts included: not a violation by itself).</param>
/// <param name="MostSends">The most messages one recipient received.</param>
/// <param name="Examples">The recipients with the most messages, most first.</param>
internal sealed record RecipientSummary(int Distinct, int WithSeveralSends, int MostSends, IReadOnlyList<RecipientSummary.Example> Examples)
{
    /// <param name="Instances">The instances that sent to them, in order of the sends.</param>
    /// <param name="KeyIds">The WhatsApp ids of the messages, in order.</param>
    public sealed record Example(string Recipient, int Sends, IReadOnlyList<string> Instances, IReadOnlyList<string?> KeyIds);
}
