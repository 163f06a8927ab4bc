using System.ComponentModel.DataAnnotations;

namespace Campaigns.Engine.Campaigns;

/// <summary>How much work one preview may do (section <c>Campaigns:Preview</c>): a preview answers while the user waits.</summary>
internal sealed class PreviewOptions
{
    public const string SectionName = "Campaigns:Preview";

    /// <value>
    /// The most contacts a preview plans for its statistics, the first in phone order; a longer list is sampled and
    /// the answer says so (<c>coverage.sampled</c>). Default 100,000; 1 to 10,000,000.
    /// </value>
    [Range(1, 10_000_000)]
    public int MaxRows { get; set; } = 100_000;

    /// <value>
    /// How long a preview may plan before it answers with the contacts planned so far (<c>coverage.stoppedBy</c>
    /// <c>timeBudget</c>): well under a proxy's 60 s. Default 10 s; 100 ms to 5 minutes.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(10);
}
