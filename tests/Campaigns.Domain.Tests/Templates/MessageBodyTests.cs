using Campaigns.Domain.Templates;

namespace Campaigns.Domain.Tests.Templates;

public sealed class MessageBodyTests
{
    [Theory]
    [InlineData("  Hello  Ann\r\n\r\nBye \n", "Hello  Ann\n\nBye")]
    [InlineData("x\ry", "x\ny")]
    public void Clean_Rendered_TrimsAndUsesNewlines(string rendered, string expected) =>
        Assert.Equal(expected, MessageBody.Clean(rendered));

    [Theory]
    [InlineData("Hello Ann", "hello ann")]
    [InlineData("  Hello \n\t Ann ", "hello ann")]
    [InlineData("Hel\u200Blo\u00A0Ann", "hello ann")]
    [InlineData("ＨＥＬＬＯ Ann", "hello ann")]
    [InlineData("Cafe\u0301", "café")]
    public void Normalize_CosmeticDifferences_Vanish(string body, string expected) =>
        Assert.Equal(expected, MessageBody.Normalize(body));

    [Fact]
    public void Hash_SameTextButCosmetic_IsTheSame() =>
        Assert.Equal(MessageBody.Hash("Hello Ann!"), MessageBody.Hash(" hello\u200B  ANN! "));

    [Fact]
    public void Hash_DifferentText_Differs() =>
        Assert.NotEqual(MessageBody.Hash("Hello Ann!"), MessageBody.Hash("Hello Bob!"));

    [Fact]
    public void Hash_IsSha256OfTheNormalForm() =>
        Assert.Equal(
            Convert.FromHexString("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
            MessageBody.Hash(" HELLO "));

    [Fact]
    public void Hash_LongBody_Works() =>
        Assert.Equal(MessageBody.HashLength, MessageBody.Hash(new string('x', 5000)).Length);
}
