namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// Body of <c>POST /message/sendText/{instance}</c> (v2, flat). The gateway answers only after simulating typing for
/// <paramref name="Delay"/> milliseconds, so the call lasts at least that long.
/// Deliberately omits <c>quoted</c>, <c>mentioned</c> and <c>mentionsEveryOne</c>: campaigns never quote or mention.
/// </summary>
/// <param name="Number">The recipient: digits or E.164 (the gateway strips <c>+</c>), or a JID.</param>
/// <param name="Text">The body; the gateway rejects empty or blank text with 400.</param>
/// <param name="Delay">Typing simulation in milliseconds; <see langword="null"/> sends at once.</param>
/// <param name="LinkPreview">Only <see langword="false"/> disables the preview.</param>
internal sealed record SendTextRequest(string Number, string Text, int? Delay = null, bool? LinkPreview = null)
{
    // Never print the body or the whole number: records are easy to log by accident.
    public override string ToString() =>
        $"SendTextRequest {{ Number = {GatewayRedaction.Redact(Number)}, Text = <{Text.Length} chars>, Delay = {Delay} }}";
}
