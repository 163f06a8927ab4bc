using System.Text.Json;
using System.Text.Json.Nodes;

namespace Campaigns.Sandbox.Tests.Support;

internal static class AssertJson
{
    /// <summary>Asserts that <paramref name="actual"/> is exactly the JSON of <paramref name="expected"/> (order of keys aside).</summary>
    public static void Equal(string expected, JsonElement actual)
    {
        var want = JsonNode.Parse(expected);
        var got = JsonNode.Parse(actual.GetRawText());
        Assert.True(JsonNode.DeepEquals(want, got), $"Expected {want?.ToJsonString()}\nbut got  {got?.ToJsonString()}");
    }
}
