using Campaigns.Api.Tenants;
using Campaigns.Engine.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Api.Tests.Tenants;

public sealed class TenantCommandTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_KeyPrintedByCreate_ExitsZero()
    {
        await using var services = Services();
        using var output = new StringWriter();

        var created = await TenantCommand.RunAsync(["tenant", "create", "Acme"], services, TextReader.Null, output, TextWriter.Null, Cancel);
        var key = output.ToString().TrimEnd().Split('\n')[^1];
        var checkedKey = await TenantCommand.RunAsync(["tenant", "check"], services, new StringReader(key + "\n"), TextWriter.Null, TextWriter.Null, Cancel);

        Assert.Equal(0, created);
        Assert.Equal(0, checkedKey);
    }

    [Theory]
    [InlineData("cmp_not-a-key-of-anyone")]
    [InlineData("")]
    public async Task Check_UnknownKey_ExitsOne(string key)
    {
        await using var services = Services();

        var exit = await TenantCommand.RunAsync(["tenant", "check"], services, new StringReader(key + "\n"), TextWriter.Null, TextWriter.Null, Cancel);

        Assert.Equal(1, exit);
    }

    private ServiceProvider Services() => new ServiceCollection().AddSingleton(new TenantStore(api.DataSource)).BuildServiceProvider();
}
