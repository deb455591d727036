using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Cli.Simulation;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Cli.Load;

/// <summary>
/// One simulated trainee of a load run: its open session, its connection (the trainee hub, or HTTP only), its hand,
/// and, for the step being run, when each acknowledged dot was meant to be sent and when a watcher first saw it, by
/// sequence. The server numbers the dots, so with several calls in flight the sequences are learnt from each ack.
/// </summary>
internal sealed class LoadTrainee(string id, Guid session, HubConnection? hub, HttpClient http, SimulatedTrainee hand)
{
    private readonly Dictionary<long, double> _intendedAt = [];
    private readonly Dictionary<long, double> _seenAt = [];
    private IEnumerator<DotPlacement>? _dots;

    public string Id => id;

    public Guid Session => session;

    public HubConnection? Hub => hub;

    public HttpClient Http => http;

    public void Acked(IReadOnlyList<long> sequences, double intendedAt)
    {
        lock (_intendedAt)
        {
            foreach (var sequence in sequences)
                _intendedAt[sequence] = intendedAt;
        }
    }

    public void Seen(IEnumerable<long> sequences, double at)
    {
        lock (_intendedAt)
        {
            foreach (var sequence in sequences)
                _seenAt.TryAdd(sequence, at);
        }
    }

    /// <summary>Records each acknowledged dot a watcher saw, from its intended start; forgets the step; answers how many were seen.</summary>
    public long TakeSeen(HdrHistogram.HistogramBase toInstructor)
    {
        lock (_intendedAt)
        {
            var seen = 0L;
            foreach (var (sequence, at) in _seenAt)
            {
                if (_intendedAt.TryGetValue(sequence, out var intended))
                {
                    toInstructor.RecordValue(LatencySummary.Micros(at - intended));
                    seen++;
                }
            }

            _intendedAt.Clear();
            _seenAt.Clear();
            return seen;
        }
    }

    /// <summary>The next dots of this hand, as the wire shape; another pass over the skin when the first is full.</summary>
    public object[] NextBatch(PracticeSkin skin, int size)
    {
        var batch = new object[size];
        for (var i = 0; i < batch.Length; i++)
        {
            if (_dots?.MoveNext() != true)
            {
                _dots = hand.Dots(skin.WidthMm, skin.HeightMm, 1.0, "1RL-0.25", 0.6).GetEnumerator();
                _dots.MoveNext();
            }

            var d = _dots.Current;
            batch[i] = new { x = d.X, y = d.Y, needle = d.Needle, depthMm = d.DepthMm, shade = d.Shade };
        }

        return batch;
    }
}
