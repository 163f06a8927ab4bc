using System.ComponentModel.DataAnnotations;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Templates;

/// <summary>How message templates are checked and run (section <c>Campaigns:Templates</c>).</summary>
internal sealed class TemplateOptions
{
    public const string SectionName = "Campaigns:Templates";

    /// <value>
    /// Shortener hosts refused besides <see cref="ShortenerDetector.DefaultHosts"/> (bit.ly, tinyurl.com, t.co, goo.gl,
    /// ow.ly, is.gd, cutt.ly, rebrand.ly, buff.ly, shorturl.at). Default: none.
    /// </value>
    public IList<string> ExtraShorteners { get; } = [];

    /// <value>The largest number of recipients one body may go to when a campaign does not say. Default 10; 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int DefaultMaxIdentical { get; set; } = VariationRule.DefaultMaxIdentical;

    /// <value>The longest template text accepted, in characters. Default 20,000; 100 to 1,000,000.</value>
    [Range(100, 1_000_000)]
    public int MaxTemplateLength { get; set; } = 20_000;

    /// <value>
    /// Loop iterations one render may run, all loops together (Scriban's <c>LoopLimit</c>); more fails the template as
    /// a whole. Default 1,000; 1 to 100,000,000.
    /// </value>
    [Range(1, 100_000_000)]
    public int LoopLimit { get; set; } = 1_000;

    /// <value>How deep template functions may call each other; deeper fails the template as a whole. Default 20; 1 to 100.</value>
    [Range(1, 100)]
    public int RecursionLimit { get; set; } = 20;

    /// <value>
    /// Characters a render may write, or one value may have, before it is stopped; generous next to WhatsApp's 4,096
    /// so that a too-long message is reported with its length (and skipped); more fails the template as a whole.
    /// Default 16,384; 4,096 to 1,048,576.
    /// </value>
    [Range(WhatsAppLimits.TextLength, 1_048_576)]
    public int OutputLimit { get; set; } = 16_384;

    /// <value>How deep expressions may nest when a template is read. Default 100; 10 to 250.</value>
    [Range(10, 250)]
    public int ExpressionDepthLimit { get; set; } = 100;

    /// <value>
    /// How long one regular expression call (<c>regex.match</c>, …) may run. Patterns run without backtracking, so their
    /// time grows only with the text's length and this is a last bound, far above what a message's text needs; reaching
    /// it fails the template as a whole (never one recipient), so that load cannot change which messages are made.
    /// There is no time limit on a render: loops, recursion and output are counted instead. Default 1 s; 1 ms to 10 s.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
