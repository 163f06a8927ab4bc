using System.Text.Json.Serialization;

namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// One entry of <c>GET /instance/fetchInstances</c>. v2 answers the stored instance row (<c>name</c>, <c>token</c>,
/// <c>connectionStatus</c>, …, integrations omitted here); v1 nested it as <c>{"instance":{instanceName, apikey, status}}</c>.
/// Use <see cref="InstanceName"/>, <see cref="InstanceToken"/> and <see cref="State"/>, which read either.
/// </summary>
/// <param name="Id">The instance's id (v2: a UUID, the webhooks' <c>instanceId</c>).</param>
/// <param name="Token">The instance's API key; fetched with the global key to repair a stale one.</param>
/// <param name="OwnerJid">The linked phone's JID, once linked.</param>
internal sealed record FetchedInstance(
    string? Id = null,
    string? Name = null,
    InstanceConnectionState ConnectionStatus = InstanceConnectionState.Unknown,
    string? OwnerJid = null,
    string? ProfileName = null,
    string? Integration = null,
    string? Number = null,
    string? Token = null,
    int? DisconnectionReasonCode = null,
    FetchedInstanceV1? Instance = null)
{
    [JsonIgnore]
    public string? InstanceName => Name ?? Instance?.InstanceName;

    [JsonIgnore]
    public string? InstanceToken => Token ?? Instance?.Apikey;

    [JsonIgnore]
    public InstanceConnectionState State =>
        ConnectionStatus is not InstanceConnectionState.Unknown ? ConnectionStatus : Instance?.Status ?? InstanceConnectionState.Unknown;

    public override string ToString() => $"FetchedInstance {{ Id = {Id}, InstanceName = {InstanceName}, State = {State} }}";
}
