using Campaigns.Domain.Pacing;
using NodaTime;

namespace Campaigns.Domain.Tests.Pacing;

public sealed class TypingDelayTests
{
    private static readonly Duration PerCharacter = Duration.FromMilliseconds(40);
    private static readonly Duration Min = Duration.FromSeconds(1);
    private static readonly Duration Max = Duration.FromSeconds(8);

    [Theory]
    [InlineData(0, 1000)]      // an empty caption still "types" the least
    [InlineData(10, 1000)]     // 400 ms, raised to the least
    [InlineData(25, 1000)]
    [InlineData(26, 1040)]
    [InlineData(120, 4800)]
    [InlineData(200, 8000)]
    [InlineData(4096, 8000)]   // the longest message types the most, no more
    public void For_BodyLength_IsFortyMillisecondsACharacterWithinTheBounds(int characters, long expectedMs)
    {
        Assert.Equal(Duration.FromMilliseconds(expectedMs), TypingDelay.For(characters, PerCharacter, Min, Max));
    }

    [Fact]
    public void For_MaxUnderMin_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TypingDelay.For(10, PerCharacter, Max, Min));
    }
}
