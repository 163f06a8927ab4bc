using System.Runtime.InteropServices;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Prepares a campaign's messages one recipient at a time, so that no body goes to more than <c>maxIdentical</c>
/// recipients. Feed it the list as a stream — <c>foreach (var r in recipients) store(planner.Plan(r));</c> — and read
/// <see cref="Summary"/> at the end: when <see cref="VariationSummary.RuleHolds"/> is false the campaign stays a
/// draft (<see cref="VariationSummary.ToError"/> says how many distinct bodies are needed and how many the template
/// can make).
/// </summary>
/// <remarks>
/// <para>
/// Each recipient first gets their own text (every choice from their hash, as preview shows it). When that body
/// already goes to <c>maxIdentical</c> recipients, the planner walks the choice paths of the recipients who share
/// the same data (<see cref="VariantCursor"/>, round and round so the least-used come first) and gives the first body
/// that is not yet full. When a whole round finds every body full the rule cannot hold for that group, and its
/// further recipients are <see cref="PlanStatus.OverLimit"/>. Everything is deterministic: the same list in the same
/// order with the same seed gets the same bodies. The walk is greedy, not an optimal matching.
/// </para>
/// <para>
/// Memory: one 8-byte key and a count per distinct body (bodies are counted by the first 8 bytes of their SHA-256; two
/// bodies sharing a key would only be counted together, which makes the rule stricter, never looser), plus a cursor
/// for each group of recipients whose own body was full. Recipients are never kept, so a list of millions streams.
/// Time: one render per recipient, plus for groups that run out of their own bodies at most one render per path per
/// round, and a group sees at most <c>maxIdentical</c> + 2 rounds.
/// </para>
/// <para>Not thread-safe.</para>
/// </remarks>
internal sealed class VariationPlanner
{
    private readonly MessageRenderer _renderer;
    private readonly int _maxIdentical;
    private readonly Dictionary<ulong, int> _bodies = [];
    private readonly Dictionary<UInt128, VariantCursor> _groups = [];
    private long _recipients;
    private long _ready;
    private long _skipped;
    private long _overLimit;
    private int _largestShare;

    /// <param name="seed">The campaign's seed (its id).</param>
    /// <param name="maxIdentical">The most recipients one body may go to (default <see cref="VariationRule.DefaultMaxIdentical"/>).</param>
    public VariationPlanner(MessageTemplate template, Guid seed, int maxIdentical = VariationRule.DefaultMaxIdentical)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIdentical);
        _renderer = new MessageRenderer(template, seed);
        _maxIdentical = maxIdentical;
    }

    public VariationSummary Summary
    {
        get
        {
            VariationShortfall? shortfall = null;
            if (_overLimit > 0)
            {
                long recipients = 0, needed = 0, possible = 0;
                foreach (var group in _groups.Values.Where(g => g.Exhausted))
                {
                    recipients += group.DistinctBodies * _maxIdentical + group.OverLimit;
                    needed += group.DistinctBodies + VariationRule.NeededBodies(group.OverLimit, _maxIdentical);
                    possible += group.DistinctBodies;
                }

                shortfall = new VariationShortfall(recipients, needed, possible);
            }

            return new VariationSummary(
                _recipients, _ready, _skipped, _overLimit, _bodies.Count, _largestShare, _maxIdentical, shortfall);
        }
    }

    /// <summary>Runs a whole list and returns the summary: the variation statistics of a preview.</summary>
    public static VariationSummary Summarize(
        MessageTemplate template, IEnumerable<TemplateRecipient> recipients, Guid seed, int maxIdentical = VariationRule.DefaultMaxIdentical)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var planner = new VariationPlanner(template, seed, maxIdentical);
        foreach (var recipient in recipients)
        {
            planner.Plan(recipient);
        }

        return planner.Summary;
    }

    public PlannedMessage Plan(TemplateRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        _recipients++;
        var own = _renderer.Render(recipient);
        if (!own.IsSuccess)
        {
            if (MessageRenderer.IsTemplateFailure(own.Error))
            {
                return PlannedMessage.TemplateFailed(own.Error);
            }

            _skipped++;
            return PlannedMessage.Skipped(own.Error);
        }

        if (TryUse(own.Value))
        {
            return PlannedMessage.Ready(own.Value);
        }

        var key = _renderer.DataKey(recipient);
        if (!_groups.TryGetValue(key, out var cursor))
        {
            _groups[key] = cursor = new VariantCursor();
        }

        while (!cursor.Exhausted)
        {
            var other = _renderer.Render(recipient, cursor.Next);
            if (!other.IsSuccess && MessageRenderer.IsTemplateFailure(other.Error))
            {
                return PlannedMessage.TemplateFailed(other.Error);
            }

            cursor.Advance(_renderer.LastChoices);
            if (other.IsSuccess && TryUse(other.Value))
            {
                cursor.Used();
                return PlannedMessage.Ready(other.Value);
            }

            cursor.Full(other.IsSuccess ? other.Value.Key : null);
        }

        cursor.OverLimit++;
        _overLimit++;
        return PlannedMessage.OverLimit(own.Value);
    }

    private bool TryUse(RenderedMessage message)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_bodies, message.Key, out _);
        if (count >= _maxIdentical)
        {
            return false;
        }

        count++;
        _largestShare = Math.Max(_largestShare, count);
        _ready++;
        return true;
    }
}
