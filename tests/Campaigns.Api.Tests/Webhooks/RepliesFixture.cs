using Campaigns.Api.Tests.Senders;

namespace Campaigns.Api.Tests.Webhooks;

/// <summary>
/// A <see cref="SenderFixture"/> whose sandbox recipients all reply soon after reading, half of them asking to opt out
/// (in the spellings people type), half addressed by <c>@lid</c> ids with the phone in <c>remoteJidAlt</c>, half of the
/// replies quoting our message.
/// </summary>
public sealed class RepliesFixture() : SenderFixture(new Dictionary<string, string?>
{
    ["Sandbox:Network:ReplyShare"] = "1",
    ["Sandbox:Network:StopShare"] = "0.5",
    ["Sandbox:Network:QuoteShare"] = "0.5",
    ["Sandbox:Network:ReplyDelayMs"] = "50",
    ["Sandbox:Webhooks:LidShare"] = "0.5",
    ["Sandbox:Webhooks:MaxAttempts"] = "3",
    ["Sandbox:Webhooks:RetryDelayScale"] = "0.01",
});
