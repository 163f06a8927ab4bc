using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Security;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>A send as a claim would hand it over, built without a claim (for what reads only the send and its sender).</summary>
internal static class TestSends
{
    /// <summary>An open sender (floor 1 s, no jitter, Nairobi) calling <paramref name="instance"/> at <paramref name="gateway"/> with key <c>KEY</c>.</summary>
    public static ClaimedSend Claimed(
        SecretProtector protector, Guid sender, Guid tenant, Uri gateway, string instance, string number, string recipient)
    {
        var settings = SenderSettings.Create("Africa/Nairobi", new LocalDate(2020, 1, 1), 200, 300, 1000, 0, 0).Value;
        var dispatchSender = new DispatchSender(
            new SenderId(sender), new TenantId(tenant), gateway, instance, protector.Protect("KEY"), settings, true, null, null);
        var now = SystemClock.Instance.GetCurrentInstant();
        return new ClaimedSend(
            new CampaignId(Guid.CreateVersion7()), recipient, recipient.TrimStart('+') + "@s.whatsapp.net", "Hi", null, number, dispatchSender,
            now, now, null, SendWindow.Default, settings.TimeZone);
    }
}
