using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace SmpAcademy.Host.Tests.Faults;

/// <summary>
/// The invariants after a fault, once the load has stopped: acknowledged keys replay to the same sequences; every
/// acknowledged dot is stored exactly once, under its sequence, and nothing else is (a 503's "maybe" must have
/// ended in an acknowledgement); sequences run 1..N; the session view and every instructor show what is stored.
/// </summary>
internal static class FaultCheck
{
    public static async Task RunAsync(FaultRig rig, FaultReport report)
    {
        var stored = new Dictionary<Guid, StoredSession>();
        foreach (var writer in rig.Sessions)
        {
            stored[writer.SessionId] = await StoredDots.ReadAsync(rig.Database, writer.SessionId);
            CheckStream(writer, stored[writer.SessionId], report);
            await CheckViewAsync(rig, writer, stored[writer.SessionId], report);
            report.Slowest = writer.Slowest > report.Slowest ? writer.Slowest : report.Slowest;
            foreach (var (kind, count) in writer.Errors)
                report.Errors[kind] = report.Errors.GetValueOrDefault(kind) + count;
        }

        var patience = Stopwatch.StartNew(); // 10 s for the instructors' feeds to catch up, all together
        foreach (var eyes in rig.Instructors)
        {
            var sequences = stored[eyes.SessionId].Dots.Select(d => d.Sequence).Distinct().Order().ToList();
            await eyes.WaitForAsync(sequences.Count, TimeSpan.FromSeconds(Math.Max(0, 10 - patience.Elapsed.TotalSeconds)));
            var seen = eyes.Sequences.ToHashSet();
            report.InstructorMissing += sequences.Count(s => !seen.Contains(s));
            report.InstructorExtra += seen.Count(s => !sequences.Contains(s));
            if (sequences.Any(s => !seen.Contains(s)) || seen.Any(s => !sequences.Contains(s)))
                report.Problem($"{eyes.SessionId:N}: the instructor has {seen.Count} dots (reconnects {eyes.Reconnects}), {sequences.Count} are stored; missing {Ranges(sequences.Where(s => !seen.Contains(s)))}, not stored {Ranges(seen.Where(s => !sequences.Contains(s)))}");
        }

        await ReplayAsync(rig, report, stored);
        if (report.OtherErrors > 0)
            report.Problem($"answers outside the contract: {string.Join(", ", report.Errors.Where(e => !FaultReport.IsAllowed(e.Key)).Select(e => $"{e.Value} × {e.Key}"))}");
    }

    /// <summary>Per writer, its first acknowledged batch and the one retried most: the same key and body again must
    /// answer the same sequences, and record nothing.</summary>
    private static async Task ReplayAsync(FaultRig rig, FaultReport report, Dictionary<Guid, StoredSession> stored)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        foreach (var writer in rig.Sessions)
        {
            var acks = writer.Acks.ToList();
            foreach (var ack in acks.Take(1).Concat(acks.Where(a => a.Attempts > 1).OrderByDescending(a => a.Attempts).Take(1)).Distinct())
            {
                report.Replays++;
                var again = await writer.ReplayAsync(ack, deadline.Token);
                if (again is null || !again.SequenceEqual(ack.Sequences))
                {
                    report.ReplayMismatches++;
                    report.Problem($"{writer.SessionId:N}: key {ack.Key} (acknowledged after {ack.Attempts} attempts as {Ranges(ack.Sequences)}) replayed as {(again is null ? "no acknowledgement" : Ranges(again))}");
                }
            }

            var recorded = (await StoredDots.ReadAsync(rig.Database, writer.SessionId)).Dots.Count - stored[writer.SessionId].Dots.Count;
            report.ReplayRecorded += recorded;
            if (recorded != 0)
                report.Problem($"{writer.SessionId:N}: replaying acknowledged keys recorded {recorded} more dots");
        }
    }

    private static void CheckStream(FaultWriter writer, StoredSession stored, FaultReport report)
    {
        var session = writer.SessionId.ToString("N");
        if (!stored.Versions.SequenceEqual(Enumerable.Range(1, stored.Versions.Count).Select(v => (long)v)))
            report.Problem($"{session}: stream versions are not 1..{stored.Versions.Count}");

        var bySequence = stored.Dots.GroupBy(d => d.Sequence).ToDictionary(g => g.Key, g => g.ToList());
        var repeated = bySequence.Where(g => g.Value.Count > 1).ToList();
        report.Repeated += repeated.Sum(g => g.Value.Count - 1);
        if (repeated.Count > 0)
            report.Problem($"{session}: sequences stored more than once: {Ranges(repeated.Select(g => g.Key))}");
        var last = bySequence.Keys.DefaultIfEmpty(0).Max();
        var gaps = Enumerable.Range(1, (int)last).Select(s => (long)s).Where(s => !bySequence.ContainsKey(s)).ToList();
        report.Gaps += gaps.Count;
        if (gaps.Count > 0)
            report.Problem($"{session}: sequences missing below {last}: {Ranges(gaps)}");
        if (!stored.Dots.Select(d => d.Sequence).SequenceEqual(stored.Dots.Select(d => d.Sequence).Order()))
            report.Problem($"{session}: dot sequences are not in stream order");

        var byPosition = stored.Dots.GroupBy(d => FaultWriter.IndexAt(d.X, d.Y)).ToDictionary(g => g.Key, g => g.ToList());
        var copies = byPosition.Where(g => g.Value.Count > 1).ToList();
        report.DuplicatedByRetry += copies.Sum(g => g.Value.Count - 1);
        if (copies.Count > 0)
            report.Problem($"{session}: {copies.Count} dots stored more than once (a retried batch recorded again), e.g. dot {copies[0].Key} as {Ranges(copies[0].Value.Select(d => d.Sequence))}");

        var acked = new Dictionary<int, long>();
        var lost = new List<long>();
        foreach (var ack in writer.Acks)
        {
            if (ack.Sequences.Count != ack.Count)
                report.Problem($"{session}: key {ack.Key} of {ack.Count} dots was acknowledged with {ack.Sequences.Count} sequences");
            for (var i = 0; i < Math.Min(ack.Count, ack.Sequences.Count); i++)
            {
                acked[ack.FirstDot + i] = ack.Sequences[i];
                if (!byPosition.TryGetValue(ack.FirstDot + i, out var at) || !at.Any(d => d.Sequence == ack.Sequences[i]))
                    lost.Add(ack.Sequences[i]);
            }
        }

        report.AcknowledgedDots += acked.Count;
        report.Lost += lost.Count;
        if (lost.Count > 0)
            report.Problem($"{session}: acknowledged dots not stored as acknowledged: {Ranges(lost)}");
        var twice = writer.Acks.SelectMany(a => a.Sequences).GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            report.Problem($"{session}: sequences acknowledged to two batches: {Ranges(twice)}");

        report.Unacknowledged += writer.Pending.Count;
        foreach (var pending in writer.Pending)
            report.Problem($"{session}: key {pending.Key} never acknowledged ({pending.Attempts} attempts; its dots stored {Enumerable.Range(pending.FirstDot, pending.Count).Count(byPosition.ContainsKey)} of {pending.Count})");
        var unacked = byPosition.Keys.Where(k => !acked.ContainsKey(k)).ToList();
        report.StoredNotAcknowledged += unacked.Count;
        if (stored.Dots.Count != acked.Count)
            report.Problem($"{session}: {stored.Dots.Count} dots stored, {acked.Count} acknowledged ({unacked.Count} stored of no acknowledged batch)");
    }

    private static async Task CheckViewAsync(FaultRig rig, FaultWriter writer, StoredSession stored, FaultReport report)
    {
        using var http = new HttpClient { BaseAddress = rig.Host.Url, Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{writer.SessionId}?fromSequence=1&limit=10000");
        request.Headers.Authorization = new("Bearer", writer.Token);
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                report.ViewMismatches++;
                report.Problem($"{writer.SessionId:N}: the view answered {(int)response.StatusCode}: {body}");
                return;
            }

            var view = JsonNode.Parse(body)!;
            var dots = view["dots"]!.AsArray().Select(d => ((long)d!["sequence"]!, FaultWriter.IndexAt((double)d["x"]!, (double)d["y"]!))).ToList();
            var expected = stored.Dots.Select(d => (d.Sequence, FaultWriter.IndexAt(d.X, d.Y))).ToList();
            if (!dots.SequenceEqual(expected) || (int)view["dotCount"]! != expected.Count)
            {
                report.ViewMismatches++;
                report.Problem($"{writer.SessionId:N}: the view has {dots.Count} dots (dotCount {view["dotCount"]}), the stream {expected.Count}; "
                    + $"only in the view: {Ranges(dots.Except(expected).Select(d => d.Item1))}, only stored: {Ranges(expected.Except(dots).Select(d => d.Item1))}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            report.ViewMismatches++;
            report.Problem($"{writer.SessionId:N}: the view did not answer: {e.Message}");
        }
    }

    /// <summary>"1-5, 9, 12-14" (at most a few ranges).</summary>
    public static string Ranges(IEnumerable<long> values)
    {
        var sorted = values.Distinct().Order().ToList();
        var ranges = new List<string>();
        for (var i = 0; i < sorted.Count; i++)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            ranges.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j;
        }

        return ranges.Count == 0 ? "none" : string.Join(", ", ranges.Take(8)) + (ranges.Count > 8 ? $" … ({sorted.Count} in all)" : "");
    }
}
