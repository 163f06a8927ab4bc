namespace Campaigns.Engine.Gateway.Contract;

/// <summary>Body of <c>POST /chat/whatsappNumbers/{instance}</c>: numbers to look up (digits, E.164 or JIDs), unique.</summary>
internal sealed record WhatsAppNumbersRequest(IReadOnlyList<string> Numbers)
{
    public override string ToString() => $"WhatsAppNumbersRequest {{ Numbers = {Numbers.Count} }}";
}
