using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Campaigns.Sandbox.Audit;

/// <summary>
/// The audit: the ban-avoidance rules of DESIGN.md, written from that table and not from the engine's code, checked
/// against the witness's record. Rules about what WhatsApp sees (floor, cap, identical bodies, duplicates) count the
/// messages that went out; rules about the sender's discipline (not on WhatsApp, not open) count the attempts the
/// network refused, because those are exactly the sends it refuses.
/// </summary>
internal static class SendAuditor
{
    private static readonly InstantPattern TimePattern = InstantPattern.ExtendedIso;

    public static AuditReport Audit(IReadOnlyList<SendRecord> records, IEnumerable<AuditedInstance> instances, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        var known = instances.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var names = known.Keys.Union(records.Select(r => r.Instance), StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new AuditReport([.. names.Select(name => AuditInstance(
            name,
            [.. records.Where(r => r.Instance == name).OrderBy(r => r.At).ThenBy(r => r.Sequence)],
            known.GetValueOrDefault(name) ?? new AuditedInstance(name, DateTimeZone.Utc, options.DailyCap),
            options))]);
    }

    private static InstanceAudit AuditInstance(string name, List<SendRecord> records, AuditedInstance instance, AuditOptions options)
    {
        var sent = records.Where(r => r.Outcome == SendOutcome.Sent).ToList();
        var refused = records.Where(r => r.Outcome != SendOutcome.Sent).ToList();
        var examples = new List<AuditExample>();

        var gaps = Count(examples, options, "gapsUnderFloor", GapsUnderFloor(sent, options.FloorMs));
        var overCap = Count(examples, options, "overDailyCap", OverDailyCap(sent, instance));
        var identical = Count(examples, options, "identicalOverLimit", IdenticalOverLimit(sent, options.IdenticalBodyLimit));
        var notOnWhatsApp = Count(examples, options, "notOnWhatsApp", refused
            .Where(r => r.Outcome == SendOutcome.NotOnWhatsApp)
            .Select(r => (r, r.WasToldNotOnWhatsApp
                ? "sent to a number that whatsappNumbers had answered exists:false for"
                : "sent to a number that is not on WhatsApp, without asking whatsappNumbers first")));
        var whileNotOpen = Count(examples, options, "whileNotOpen", refused
            .Where(r => r.ConnectionState != Instances.ConnectionState.Open)
            .Select(r => (r, $"sent while the connection was '{r.ConnectionState}'")));
        var duplicates = Count(examples, options, "duplicates", Duplicates(sent));

        return new InstanceAudit(
            name, sent.Count, refused.Count,
            new AuditViolations(gaps, overCap, identical, notOnWhatsApp, whileNotOpen, duplicates),
            examples);
    }

    private static IEnumerable<(SendRecord, string)> GapsUnderFloor(List<SendRecord> sent, int floorMs)
    {
        for (var i = 1; i < sent.Count; i++)
        {
            var gap = sent[i].At - sent[i - 1].At;
            if (gap < Duration.FromMilliseconds(floorMs))
            {
                yield return (sent[i], $"{Ms(gap)} ms after the previous send (#{sent[i - 1].Sequence}); the floor is {floorMs} ms");
            }
        }
    }

    private static IEnumerable<(SendRecord, string)> OverDailyCap(List<SendRecord> sent, AuditedInstance instance)
    {
        foreach (var day in sent.GroupBy(r => r.At.InZone(instance.TimeZone).Date))
        {
            var n = 0;
            foreach (var record in day)
            {
                if (++n > instance.DailyCap)
                {
                    yield return (record, $"send {n} of local day {day.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} " +
                                          $"({instance.TimeZone.Id}); the cap is {instance.DailyCap}");
                }
            }
        }
    }

    private static IEnumerable<(SendRecord, string)> IdenticalOverLimit(List<SendRecord> sent, int limit)
    {
        foreach (var body in sent.GroupBy(r => r.Identity, StringComparer.Ordinal))
        {
            var recipients = new List<string>();
            foreach (var record in body)
            {
                if (!recipients.Contains(record.Recipient, StringComparer.Ordinal))
                {
                    recipients.Add(record.Recipient);
                }

                var rank = recipients.IndexOf(record.Recipient) + 1;
                if (rank > limit)
                {
                    yield return (record, $"identical body ({Preview(record)}) to its recipient number {rank}; the limit is {limit}");
                }
            }
        }
    }

    private static IEnumerable<(SendRecord, string)> Duplicates(List<SendRecord> sent)
    {
        foreach (var pair in sent.GroupBy(r => (r.Recipient, r.Identity)))
        {
            var first = pair.First();
            foreach (var repeat in pair.Skip(1))
            {
                yield return (repeat, $"the same body ({Preview(repeat)}) again to the same recipient; first sent as #{first.Sequence} " +
                                      $"at {TimePattern.Format(first.At)}");
            }
        }
    }

    /// <summary>Counts the violations and keeps the first few, in time order, as examples.</summary>
    private static int Count(List<AuditExample> examples, AuditOptions options, string rule, IEnumerable<(SendRecord Record, string Detail)> found)
    {
        var all = found.OrderBy(f => f.Record.At).ThenBy(f => f.Record.Sequence).ToList();
        examples.AddRange(all.Take(options.ExamplesPerRule).Select(f => new AuditExample(
            rule, TimePattern.Format(f.Record.At), f.Record.Sequence, f.Record.Recipient, f.Record.KeyId, f.Detail)));
        return all.Count;
    }

    private static string Ms(Duration duration) =>
        ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private static string Preview(SendRecord record)
    {
        var text = record.Body.Length > 40 ? record.Body[..40] + "…" : record.Body;
        return record.Media is null ? $"\"{text}\"" : $"{record.Kind} {record.Media} \"{text}\"";
    }
}
