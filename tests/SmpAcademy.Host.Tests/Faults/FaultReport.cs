using System.Globalization;

namespace SmpAcademy.Host.Tests.Faults;

/// <summary>
/// What one fault did to the acknowledged dots and to the clients, counted over every session (writers' and probe's).
/// Each count but the acknowledged dots and the allowed errors must be zero; <see cref="Problems"/> says where not.
/// </summary>
internal sealed class FaultReport(Fault fault)
{
    private readonly List<string> _problems = [];

    public Fault Fault { get; } = fault;

    public int AcknowledgedDots { get; set; }

    /// <summary>Acknowledged dots not stored, or stored under another sequence than acknowledged.</summary>
    public int Lost { get; set; }

    /// <summary>Dot sequences stored more than once in a stream (extra copies), and sequences missing below the last.</summary>
    public int Repeated { get; set; }

    public int Gaps { get; set; }

    /// <summary>Extra copies of a dot (same position, so the same batch recorded again by a retry).</summary>
    public int DuplicatedByRetry { get; set; }

    /// <summary>Batches never acknowledged before the writers gave up, and stored dots of no acknowledged batch.</summary>
    public int Unacknowledged { get; set; }

    public int StoredNotAcknowledged { get; set; }

    public int Replays { get; set; }

    /// <summary>Retries of acknowledged keys that answered other sequences, or nothing.</summary>
    public int ReplayMismatches { get; set; }

    /// <summary>Dots stored by those retries (must be none).</summary>
    public int ReplayRecorded { get; set; }

    /// <summary>Sessions whose view (GET) differs from the stream.</summary>
    public int ViewMismatches { get; set; }

    /// <summary>Stored dots an instructor never got, and dots it got that are not stored.</summary>
    public int InstructorMissing { get; set; }

    public int InstructorExtra { get; set; }

    public Dictionary<string, int> Errors { get; } = [];

    public Recovery Recovery { get; set; } = new(null, null);

    /// <summary>Until every writer's session acknowledged a batch sent after the fault.</summary>
    public TimeSpan? AllSessionsBack { get; set; }

    /// <summary>The longest a writer's attempt waited for its answer.</summary>
    public TimeSpan Slowest { get; set; }

    public Injected? Injected { get; set; }

    public bool HostRestarted { get; set; }

    /// <summary>How long the host took to stop on SIGTERM after the fault and the checks; null if it overran its grace.</summary>
    public TimeSpan? Shutdown { get; set; }

    public IReadOnlyList<string> Problems => _problems;

    public void Problem(string problem) => _problems.Add(problem);

    public int ErrorsOf(string kind) => Errors.GetValueOrDefault(kind);

    /// <summary>Errors a fault may cause without breaking the contract: 503 problems, conflicts (nothing recorded), dropped
    /// connections and client timeouts. Anything else (a 500, a 503 without Retry-After…) is not.</summary>
    public static bool IsAllowed(string kind) => kind is "unavailable" or "changed-elsewhere" or "connection" or "timeout";

    public int OtherErrors => Errors.Where(e => !IsAllowed(e.Key)).Sum(e => e.Value);

    public string Healed => HostRestarted ? "n/a (host restarted)" : Recovery.Both is not null ? "yes" : "no";

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"fault={Fault} acked={AcknowledgedDots} lost={Lost} repeated={Repeated} gaps={Gaps} duplicated-by-retry={DuplicatedByRetry} "
        + $"unacked-batches={Unacknowledged} stored-not-acked={StoredNotAcknowledged} replay-mismatch={ReplayMismatches}/{Replays} replay-recorded={ReplayRecorded} view-mismatch={ViewMismatches} "
        + $"instructor-missing={InstructorMissing} instructor-extra={InstructorExtra} | errors: 503={ErrorsOf("unavailable")} 409={ErrorsOf("changed-elsewhere")} "
        + $"connection={ErrorsOf("connection")} timeout={ErrorsOf("timeout")} other={OtherErrors} slowest-answer={Seconds(Slowest)} | recover={Seconds(Recovery.Both)} "
        + $"(ready {Seconds(Recovery.Ready)}, write {Seconds(Recovery.Write)}, all sessions {Seconds(AllSessionsBack)}) outage={Seconds(Injected is { } i ? i.End - i.Start : null)} "
        + $"healed-without-restart={Healed} shutdown={Seconds(Shutdown)}");

    public string Details => string.Join('\n', [
        .. Errors.Where(e => !IsAllowed(e.Key)).Select(e => $"  other error: {e.Value} × {e.Key}"),
        .. Injected is { Detail.Length: > 0 } i ? [$"  {i.Detail}"] : Array.Empty<string>(),
        .. _problems.Take(40).Select(p => "  " + p),
        .. _problems.Count > 40 ? [$"  … {_problems.Count - 40} more"] : Array.Empty<string>()]);

    private static string Seconds(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "never";
}
