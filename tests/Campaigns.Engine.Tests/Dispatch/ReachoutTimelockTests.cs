using Campaigns.Engine.Dispatch;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

public sealed class ReachoutTimelockTests
{
    [Theory]
    [InlineData("Error: server returned error 463")] // whatsmeow / WAHA, through Evolution's 400
    [InlineData("2 UNKNOWN: o servidor retornou o erro 463")] // WAHA GOWS in Portuguese
    [InlineData("Received 463 (MissingTcToken) nack")]
    [InlineData("reach-out timelock active")]
    [InlineData("ReachoutTimelock")]
    [InlineData("Error: account has been restricted")] // newer Baileys
    [InlineData("463")] // a message stub parameter
    public void IsReported_TimelockWords_True(string text) =>
        Assert.True(ReachoutTimelock.IsReported([text]));

    [Theory]
    [InlineData("Error: Connection Closed")]
    [InlineData("SessionError: No sessions")]
    [InlineData("5511946312345@s.whatsapp.net")] // 463 inside a number is not the error
    [InlineData("Text is required")]
    public void IsReported_OtherErrors_False(string text) =>
        Assert.False(ReachoutTimelock.IsReported([text]));

    [Theory]
    [InlineData("timelock until 2026-07-16T12:33:50Z", 2026, 7, 16, 12, 33, 50)]
    [InlineData("IsActive:true TimeEnforcementEnds:2026-07-16 09:33:50 -0300 -03", 2026, 7, 16, 12, 33, 50)]
    [InlineData("ends 2026-07-16T14:33:50+02:00", 2026, 7, 16, 12, 33, 50)]
    public void EndIn_AnswerCarriesAnEnd_ReadsIt(string text, int year, int month, int day, int hour, int minute, int second) =>
        Assert.Equal(Instant.FromUtc(year, month, day, hour, minute, second), ReachoutTimelock.EndIn([text]));

    [Fact]
    public void EndIn_NoTimeInTheAnswer_Null() =>
        Assert.Null(ReachoutTimelock.EndIn(["Error: server returned error 463"]));
}
