namespace Campaigns.Tests.Shared;

/// <summary>
/// Configuration of a sandbox gateway for tests: the given instances, every number on WhatsApp (but any listed in
/// <c>Sandbox:Network:NotOnWhatsAppNumbers</c>), nobody failing or replying, acknowledgements within milliseconds,
/// no typing delay, one webhook attempt. Tests add or change keys as they need.
/// </summary>
internal static class QuietSandbox
{
    public static Dictionary<string, string?> Settings(string globalKey, params (string Name, string Token, string Number)[] instances)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:ApiKey"] = globalKey,
            ["Sandbox:Seed"] = "tests",
            ["Sandbox:Network:NotOnWhatsAppShare"] = "0",
            ["Sandbox:Network:FailShare"] = "0",
            ["Sandbox:Network:ReplyShare"] = "0",
            ["Sandbox:Network:ServerAckDelayMs"] = "5",
            ["Sandbox:Network:DeliveryAckDelayMs"] = "5",
            ["Sandbox:Network:ReadDelayMs"] = "5",
            ["Sandbox:Network:TypingDelayScale"] = "0",
            ["Sandbox:Webhooks:MaxAttempts"] = "1",
        };
        for (var i = 0; i < instances.Length; i++)
        {
            settings[$"Sandbox:Instances:{i}:Name"] = instances[i].Name;
            settings[$"Sandbox:Instances:{i}:Token"] = instances[i].Token;
            settings[$"Sandbox:Instances:{i}:Number"] = instances[i].Number;
        }

        return settings;
    }
}
