using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Campaigns.Sandbox.Tests.Support;

/// <summary>
/// Starts a sandbox on a real port with two open instances (<c>alpha</c>, <c>beta</c>), a network where every
/// number is on WhatsApp and nobody fails or replies, and timelines of a few milliseconds. Tests change what they need.
/// </summary>
internal static class TestSandbox
{
    public const string GlobalKey = "test-global-key";
    public const string Alpha = "alpha";
    public const string AlphaToken = "ALPHA-TOKEN";
    public const string Beta = "beta";
    public const string BetaToken = "BETA-TOKEN";

    public static Task<RunningSandbox> StartAsync(
        Action<Dictionary<string, string?>>? configure = null, IClock? clock = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:ApiKey"] = GlobalKey,
            ["Sandbox:Seed"] = "tests",
            ["Sandbox:ServerUrl"] = "http://sandbox.test",
            ["Sandbox:Instances:0:Name"] = Alpha,
            ["Sandbox:Instances:0:Token"] = AlphaToken,
            ["Sandbox:Instances:0:Number"] = "254700000001",
            ["Sandbox:Instances:0:ProfileName"] = "Alpha Ltd",
            ["Sandbox:Instances:1:Name"] = Beta,
            ["Sandbox:Instances:1:Token"] = BetaToken,
            ["Sandbox:Instances:1:Number"] = "254700000002",
            ["Sandbox:Network:NotOnWhatsAppShare"] = "0",
            ["Sandbox:Network:FailShare"] = "0",
            ["Sandbox:Network:ReplyShare"] = "0",
            ["Sandbox:Network:ServerAckDelayMs"] = "5",
            ["Sandbox:Network:DeliveryAckDelayMs"] = "5",
            ["Sandbox:Network:ReadDelayMs"] = "5",
            ["Sandbox:Network:ReplyDelayMs"] = "5",
            ["Sandbox:Network:TypingDelayScale"] = "0",
            ["Sandbox:Webhooks:TimeoutMs"] = "2000",
            ["Sandbox:Webhooks:MaxAttempts"] = "1",
            ["Sandbox:Faults:HangMs"] = "10000",
        };
        configure?.Invoke(settings);
        return SandboxHost.StartAsync(
            settings,
            services =>
            {
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }

                if (time is not null)
                {
                    services.AddSingleton(time);
                }
            },
            cancellationToken: TestContext.Current.CancellationToken);
    }
}
