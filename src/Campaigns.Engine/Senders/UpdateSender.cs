using Campaigns.Domain.Common;
using Campaigns.Domain.Senders;

namespace Campaigns.Engine.Senders;

/// <summary>
/// A partial update of a sender with JSON Merge Patch meaning: an absent field keeps its value, null restores a
/// setting's default (see <see cref="SenderSettingsPatch"/>). The name and the instance key have no default and cannot
/// be null. A new instance key is checked with the gateway. <see cref="Typing"/> null turns typing off (its default).
/// </summary>
internal sealed record UpdateSender(
    Optional<string?> Name, Optional<string?> InstanceApiKey, SenderSettingsPatch Settings, Optional<bool?> Typing = default);
