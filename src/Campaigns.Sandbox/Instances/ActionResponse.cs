namespace Campaigns.Sandbox.Instances;

/// <summary><c>{"status":"SUCCESS","error":false,"response":{"message"}}</c> of logout and delete.</summary>
internal sealed record ActionResponse(string Status, bool Error, ActionResponse.Body Response)
{
    public sealed record Body(string Message);

    public static ActionResponse Success(string message) => new("SUCCESS", false, new Body(message));
}
