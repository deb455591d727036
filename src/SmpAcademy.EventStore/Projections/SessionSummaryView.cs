using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.EventStore.Projections;

/// <summary>
/// One row per session for lists and leaderboards. The session grain stores it in the same transaction as the
/// events it summarises, from the totals it already keeps: an async projection re-read every dot to build it and
/// cost about a sixth of the server's CPU per dot (docs/performance.md).
/// </summary>
public sealed class SessionSummaryView
{
    public string Id { get; set; } = "";

    public Guid SessionId { get; set; }

    public string TraineeId { get; set; } = "";

    public string ExerciseId { get; set; } = "";

    public string SkinId { get; set; } = "";

    public string Status { get; set; } = "active";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int Dots { get; set; }

    public double DepthSum { get; set; }

    public double SpacingSum { get; set; }

    public double ShadeSum { get; set; }

    public Dictionary<string, int> FlagCounts { get; set; } = [];

    /// <summary>The row for a session's state (a copy: the state goes on changing).</summary>
    public static SessionSummaryView Of(string stream, PracticeSessionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var started = state.Started ?? throw new ArgumentException("the session has not started", nameof(state));
        var tally = state.Tally;
        return new SessionSummaryView
        {
            Id = stream,
            SessionId = started.SessionId,
            TraineeId = started.TraineeId,
            ExerciseId = started.ExerciseId,
            SkinId = started.SkinId,
            Status = state.Status.ToString().ToLowerInvariant(),
            StartedAt = started.At,
            EndedAt = state.EndedAt,
            Dots = tally.Dots,
            DepthSum = tally.DepthSum,
            SpacingSum = tally.SpacingSum,
            ShadeSum = tally.ShadeSum,
            FlagCounts = new Dictionary<string, int>(tally.FlagCounts, StringComparer.Ordinal),
        };
    }
}
