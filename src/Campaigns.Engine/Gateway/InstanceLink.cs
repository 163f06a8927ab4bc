using Campaigns.Engine.Gateway.Contract;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// What <c>/instance/connect</c> said: either the instance is already <see cref="InstanceConnectionState.Open"/>, or it is
/// linking and <paramref name="QrCode"/> is the code to show the phone's owner. Poll the connection state (or wait for
/// the <c>connection.update</c> webhook) after showing it.
/// </summary>
internal sealed record InstanceLink(InstanceConnectionState State, QrCode? QrCode);
