using Campaigns.Tests.Shared;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>Send windows in dispatch: checked again at the moment of sending, and blocked numbers sleeping until the next opening.</summary>
public sealed class DispatchWindowTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    private DispatchHarness _harness = null!;

    private DispatchKit Kit => _harness.Kit;

    public async ValueTask InitializeAsync() => _harness = await DispatchHarness.StartAsync(database);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_WindowClosesBetweenClaimAndSend_NothingReachesTheGatewayAndNoBudgetIsSpent()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 0);
        var now = (await NowAsync()).InUtc().TimeOfDay;
        var recipient = DispatchKit.NewNumber("+25478");

        // Open at the claim (now, in UTC) and closed an hour later; this loop's sends happen 3 h after their claims.
        var window = (Time(now.PlusHours(-1)), Time(now.PlusHours(1)));
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)], [window], "UTC");
        var loop = _harness.Loop(DispatchKit.Options(), loopTime: new ShiftedTimeProvider(TimeSpan.FromHours(3)));

        await DispatchHarness.RunUntilAsync(loop, async () => (await Kit.MessagesAsync(campaign))[recipient].ErrorCode == "dispatch.window_closed");

        Assert.Empty(await _harness.SendsAsync(0));
        Assert.Equal("queued", (await Kit.MessagesAsync(campaign))[recipient].Status);
        Assert.Equal(0, await Kit.ScalarAsync<int>("select sent_today from campaigns.numbers where phone = $1", sender.Number));
        Assert.True(await Kit.ScalarAsync<bool>("select last_sent_at is null from campaigns.numbers where phone = $1", sender.Number));
        Assert.True(await Kit.ScalarAsync<bool>(
            "select last_campaign_message_at is null from campaigns.recipients where tenant_id = $1 and phone = $2", tenant, recipient));
    }

    [Theory]
    [InlineData(2, 60, true)] // opens before the recheck: looks again at the opening
    [InlineData(120, 1, false)] // opens after it: looks again at the recheck
    public async Task ClaimAsync_WindowClosed_LooksAgainAtTheOpeningOrTheRecheckWhicheverComesFirst(int opensInMinutes, int recheckMinutes, bool atOpening)
    {
        var tenant = await Kit.TenantAsync();
        var sender = await Kit.SenderAsync(tenant);
        var opening = Minute(await NowAsync()) + Duration.FromMinutes(opensInMinutes);
        var window = (Time(opening.InUtc().TimeOfDay), Time(opening.InUtc().TimeOfDay.PlusHours(1)));
        await Kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25478"), sender)], [window], "UTC");
        var options = DispatchKit.Options(o => o.BlockedRecheck = TimeSpan.FromMinutes(recheckMinutes));

        var claim = await Kit.Claimer(options).ClaimAsync(1000, "t", TestContext.Current.CancellationToken);

        Assert.Empty(claim.Sends);
        Assert.Equal(atOpening ? opening : claim.DatabaseNow + Duration.FromMinutes(recheckMinutes), await NextSendAtAsync(sender));
    }

    [Fact]
    public async Task ClaimAsync_RecipientZoneWindow_LooksAgainAtTheFirstOpeningAmongTheRecipientsZones()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await Kit.SenderAsync(tenant);

        // Opens in Kolkata in 5 minutes, in Nairobi (2 h 30 min behind) long after the recheck.
        var opening = Minute(await NowAsync()) + Duration.FromMinutes(5);
        var start = opening.InZone(Kolkata).TimeOfDay;
        var (inNairobi, inKolkata) = (DispatchKit.NewNumber("+25478"), DispatchKit.NewNumber("+25478"));
        var campaign = await Kit.CampaignAsync(
            tenant, [sender], [(inNairobi, sender), (inKolkata, sender)], [(Time(start), Time(start.PlusMinutes(30)))], "recipient");
        await Kit.ExecuteAsync("update campaigns.messages set time_zone = 'Asia/Kolkata' where campaign_id = $1 and phone = $2", campaign, inKolkata);
        Assert.False(opening.InZone(Nairobi).TimeOfDay == start);

        var claim = await Kit.Claimer(DispatchKit.Options(o => o.BlockedRecheck = TimeSpan.FromHours(1))).ClaimAsync(1000, "t", TestContext.Current.CancellationToken);

        Assert.Empty(claim.Sends);
        Assert.Equal(opening, await NextSendAtAsync(sender));
    }

    [Fact]
    public async Task ClaimAsync_WindowOpenButRecipientInItsPeriod_LooksAgainAtTheRecheck()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await Kit.SenderAsync(tenant);
        var recipient = DispatchKit.NewNumber("+25478");
        await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        await Kit.ExecuteAsync(
            "insert into campaigns.recipients (tenant_id, phone, sender_id, last_campaign_message_at) values ($1, $2, $3, now())", tenant, recipient, sender.Id);

        var claim = await Kit.Claimer(DispatchKit.Options(o => o.BlockedRecheck = TimeSpan.FromMinutes(3))).ClaimAsync(1000, "t", TestContext.Current.CancellationToken);

        Assert.Empty(claim.Sends);
        Assert.Equal(claim.DatabaseNow + Duration.FromMinutes(3), await NextSendAtAsync(sender));
    }

    private Task<Instant> NowAsync() => Kit.ScalarAsync<Instant>("select now()");

    private Task<Instant> NextSendAtAsync(TestSender sender) =>
        Kit.ScalarAsync<Instant>("select next_send_at from campaigns.numbers where phone = $1", sender.Number);

    private static Instant Minute(Instant at) => Instant.FromUnixTimeSeconds(at.ToUnixTimeSeconds() / 60 * 60);

    private static string Time(LocalTime time) => time.ToString("HH:mm", null);
}
