using System.Globalization;
using Campaigns.Sandbox.Instances;
using NodaTime;
using NodaTime.Text;

namespace Campaigns.Sandbox.Audit;

/// <summary>
/// The audit: the ban-avoidance rules of DESIGN.md, written from that table and not from the engine's code, checked
/// against the witness's record, never easier than the rules. Rules about what WhatsApp sees count the messages that
/// went out: the floor and the daily cap per linked NUMBER (one number, one budget: instances linked to one number
/// share them), between arrivals and per local day of the number's zone; identical bodies and duplicates over ALL
/// instances, bodies normalised (<see cref="BodyText"/>). Rules about the sender's discipline (not on WhatsApp, not
/// open) count the attempts the network refused, because those are exactly the sends it refuses. A first contact (a
/// recipient the instance had not sent to) ATTEMPTED after the instance answered 463 and before that lock ended (its end,
/// or an earlier <c>DELETE …/timelock</c>) breaks the reach-out rule: the sender should have stopped first contacts.
/// One pass over the record, sorted once: cheap for tens of thousands of sends.
/// </summary>
internal static class SendAuditor
{
    private const int RecipientExamples = 5;
    private static readonly InstantPattern TimePattern = InstantPattern.ExtendedIso;
    private static readonly string[] Rules =
        ["gapsUnderFloor", "overDailyCap", "identicalOverLimit", "notOnWhatsApp", "whileNotOpen", "duplicates", "firstContactWhileTimelocked"];

    /// <param name="timelocksEnded">Scripted timelocks ended early: instance and when.</param>
    public static AuditReport Audit(
        IReadOnlyList<SendRecord> records,
        IEnumerable<AuditedInstance> instances,
        AuditOptions options,
        IReadOnlyList<(string Instance, Instant At)>? timelocksEnded = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        var known = instances.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var ordered = records.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Sequence).ToList();
        var sent = ordered.Where(r => r.Outcome == SendOutcome.Sent).ToList();
        var found = new List<Violation>();

        var linked = known.Values.Where(i => i.Number is not null).ToLookup(i => i.Number!, StringComparer.Ordinal);
        foreach (var number in sent.GroupBy(r => r.BudgetKey, StringComparer.Ordinal))
        {
            var first = number.First();
            var (zone, cap) = BudgetOf(
                first.SenderNumber is { } digits ? linked[digits] : known.Values.Where(i => i.Name == first.Instance), options);
            found.AddRange(GapsUnderFloor([.. number], options.FloorMs));
            found.AddRange(OverDailyCap(number, zone, cap));
        }

        foreach (var instance in ordered.GroupBy(r => r.Instance, StringComparer.Ordinal))
        {
            var ends = (timelocksEnded ?? []).Where(e => e.Instance == instance.Key).Select(e => e.At).ToList();
            found.AddRange(FirstContactsWhileTimelocked(instance, ends));
        }

        found.AddRange(IdenticalOverLimit(sent, options.IdenticalBodyLimit));
        found.AddRange(Duplicates(sent));
        foreach (var refused in ordered.Where(r => r.Outcome != SendOutcome.Sent))
        {
            if (refused.Outcome == SendOutcome.NotOnWhatsApp)
            {
                found.Add(new Violation(refused, 3, refused.WasToldNotOnWhatsApp
                    ? "sent to a number that whatsappNumbers had answered exists:false for"
                    : "sent to a number that is not on WhatsApp, without asking whatsappNumbers first"));
            }

            if (refused.StateAtReceipt != ConnectionState.Open || refused.ConnectionState != ConnectionState.Open)
            {
                found.Add(new Violation(refused, 4, refused.StateAtReceipt != ConnectionState.Open
                    ? $"sent while the connection was '{refused.StateAtReceipt}' (when the send arrived)"
                    : $"sent while the connection was '{refused.ConnectionState}' (when it was about to leave)"));
            }
        }

        var byInstance = found
            .OrderBy(v => v.Record.At).ThenBy(v => v.Record.Sequence)
            .ToLookup(v => v.Record.Instance, StringComparer.Ordinal);
        var counts = records.GroupBy(r => r.Instance, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (Sent: g.Count(r => r.Outcome == SendOutcome.Sent), Refused: g.Count(r => r.Outcome != SendOutcome.Sent), g.First().SenderNumber),
            StringComparer.Ordinal);
        var names = known.Keys.Union(counts.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var audits = names.Select(name =>
        {
            var instance = known.GetValueOrDefault(name);
            var (sends, refusals, number) = counts.GetValueOrDefault(name);
            var mine = byInstance[name].ToList();
            return new InstanceAudit(
                name, sends, refusals, Violations(mine),
                [.. mine.GroupBy(v => v.RuleIndex).OrderBy(g => g.Key).SelectMany(g => g.Take(options.ExamplesPerRule)).Select(Example)],
                instance?.Number ?? number,
                (instance?.TimeZone ?? DateTimeZone.Utc).Id);
        }).ToList();

        return new AuditReport(
            audits,
            new AuditTotals(sent.Count, records.Count - sent.Count, Violations(found)),
            Recipients(sent));
    }

    /// <summary>
    /// The zone and cap of a number: those of the instances linked to it (the first by name gives the zone, the
    /// smallest cap holds); an instance without a number is its own budget; when none is left, UTC and the default cap.
    /// </summary>
    private static (DateTimeZone Zone, int Cap) BudgetOf(IEnumerable<AuditedInstance> instances, AuditOptions options)
    {
        var linked = instances.OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        return linked.Count == 0 ? (DateTimeZone.Utc, options.DailyCap) : (linked[0].TimeZone, linked.Min(i => i.DailyCap));
    }

    private static IEnumerable<Violation> GapsUnderFloor(List<SendRecord> sent, int floorMs)
    {
        var floor = Duration.FromMilliseconds(floorMs);
        for (var i = 1; i < sent.Count; i++)
        {
            var gap = sent[i].ReceivedAt - sent[i - 1].ReceivedAt;
            if (gap < floor)
            {
                var who = sent[i].Instance == sent[i - 1].Instance ? "" : $" by {sent[i - 1].Instance}, on the same number";
                yield return new Violation(sent[i], 0,
                    $"arrived {Ms(gap)} ms after the previous send (#{sent[i - 1].Sequence}{who}) arrived; the floor is {floorMs} ms");
            }
        }
    }

    private static IEnumerable<Violation> OverDailyCap(IEnumerable<SendRecord> sent, DateTimeZone zone, int cap)
    {
        foreach (var day in sent.GroupBy(r => r.ReceivedAt.InZone(zone).Date))
        {
            var n = 0;
            foreach (var record in day)
            {
                if (++n > cap)
                {
                    yield return new Violation(record, 1, $"send {n} of local day {day.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} " +
                                                          $"({zone.Id}) of its number; the cap is {cap}");
                }
            }
        }
    }

    /// <summary>
    /// Attempts of one instance (in arrival order) to recipients it had not yet sent to, while a lock it had answered
    /// (463) was in force: from that answer to the lock's end, or an earlier end by a control call.
    /// </summary>
    private static IEnumerable<Violation> FirstContactsWhileTimelocked(IEnumerable<SendRecord> attempts, List<Instant> ends)
    {
        var contacted = new HashSet<string>(StringComparer.Ordinal);
        SendRecord? answered = null;
        var until = Instant.MinValue;
        foreach (var record in attempts)
        {
            var active = answered is not null && until > record.ReceivedAt
                         && !ends.Any(e => e >= answered.At && e <= record.ReceivedAt);
            if (active && !contacted.Contains(record.Recipient))
            {
                yield return new Violation(record, 6,
                    $"a first contact attempted while the instance was under a reach-out timelock it had answered (463) as " +
                    $"#{answered!.Sequence} at {TimePattern.Format(answered.At)}; the lock ends {TimePattern.Format(until)}");
            }

            if (record.Outcome == SendOutcome.Sent)
            {
                contacted.Add(record.Recipient);
            }
            else if (record is { Outcome: SendOutcome.Timelocked, TimelockUntil: { } end })
            {
                if (!active)
                {
                    answered = record;
                    until = end;
                }
                else if (end > until)
                {
                    until = end;
                }
            }
        }
    }

    private static IEnumerable<Violation> IdenticalOverLimit(List<SendRecord> sent, int limit)
    {
        var ranks = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var record in sent)
        {
            if (!ranks.TryGetValue(record.NormalIdentity, out var recipients))
            {
                ranks[record.NormalIdentity] = recipients = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            if (!recipients.TryGetValue(record.Recipient, out var rank))
            {
                recipients[record.Recipient] = rank = recipients.Count + 1;
            }

            if (rank > limit)
            {
                yield return new Violation(record, 2, $"identical body ({Preview(record)}) to its recipient number {rank} over all instances; the limit is {limit}");
            }
        }
    }

    private static IEnumerable<Violation> Duplicates(List<SendRecord> sent)
    {
        var first = new Dictionary<(string, string), SendRecord>();
        foreach (var record in sent)
        {
            if (!first.TryAdd((record.Recipient, record.NormalIdentity), record))
            {
                var earlier = first[(record.Recipient, record.NormalIdentity)];
                yield return new Violation(record, 5, $"the same body ({Preview(record)}) again to the same recipient; first sent as " +
                                                      $"#{earlier.Sequence} by {earlier.Instance} at {TimePattern.Format(earlier.At)}");
            }
        }
    }

    private static RecipientSummary Recipients(List<SendRecord> sent)
    {
        var byRecipient = sent.GroupBy(r => r.Recipient, StringComparer.Ordinal).ToList();
        var several = byRecipient.Where(g => g.Count() > 1).ToList();
        return new RecipientSummary(
            byRecipient.Count,
            several.Count,
            byRecipient.Count == 0 ? 0 : byRecipient.Max(g => g.Count()),
            [.. several
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(RecipientExamples)
                .Select(g => new RecipientSummary.Example(g.Key, g.Count(), [.. g.Select(r => r.Instance)], [.. g.Select(r => r.KeyId)]))]);
    }

    private static AuditViolations Violations(IReadOnlyCollection<Violation> found)
    {
        var n = new int[Rules.Length];
        foreach (var violation in found)
        {
            n[violation.RuleIndex]++;
        }

        return new AuditViolations(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
    }

    private static AuditExample Example(Violation v) =>
        new(v.Rule, TimePattern.Format(v.Record.At), v.Record.Sequence, v.Record.Recipient, v.Record.KeyId, v.Detail);

    private static string Ms(Duration duration) =>
        ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private static string Preview(SendRecord record)
    {
        var text = record.Body.Length > 40 ? record.Body[..40] + "…" : record.Body;
        return record.Media is null ? $"\"{text}\"" : $"{record.Kind} {record.Media} \"{text}\"";
    }

    /// <summary>One broken rule: <see cref="RuleIndex"/> indexes <see cref="Rules"/>, in the order of <see cref="AuditViolations"/>.</summary>
    private sealed record Violation(SendRecord Record, int RuleIndex, string Detail)
    {
        public string Rule => Rules[RuleIndex];
    }
}
