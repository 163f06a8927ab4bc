using Campaigns.Sandbox.Audit;

namespace Campaigns.Sandbox.Messages;

/// <summary>The outcome of a send; <see cref="Message"/> is set only when it went out.</summary>
internal sealed record SendResult(SendOutcome Outcome, string Jid, WaMessage? Message);
