using NodaTime;

namespace Campaigns.Sandbox.Instances;

/// <summary>
/// A scripted reach-out timelock (WhatsApp's error 463) on an instance: until <see cref="Until"/>, sends to numbers the
/// instance never sent to are refused. <see cref="Silent"/>: answered 201 PENDING, then a <c>messages.update</c> ERROR
/// with <c>messageStubParameters ["463"]</c>; otherwise answered 400 <c>["Error: server returned error 463"]</c>.
/// </summary>
internal sealed record SandboxTimelock(Instant Until, bool Silent);
