using Campaigns.Sandbox.Audit;
using Campaigns.Sandbox.Gateway;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaigns.Sandbox.Messages;

/// <summary>The outcome of a send: <see cref="Message"/> when it went out, else the gateway's <see cref="Error"/> answer.</summary>
internal sealed record SendResult(SendOutcome Outcome, string Jid, WaMessage? Message, JsonHttpResult<EvolutionError>? Error = null);
