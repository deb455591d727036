using Marten.Events.Aggregation;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.EventStore.Projections;

/// <summary>One row per session for lists and leaderboards. Built by the async daemon: it changes with
/// every dot, and the live view of a session comes from its grain, so it need not slow appends down.</summary>
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
}

public sealed class SessionSummaryProjection : SingleStreamProjection<SessionSummaryView, string>
{
    public static SessionSummaryView Create(SessionStartedV1 e) => Create((SessionStarted)EventCatalog.Upcast(e));

    public static SessionSummaryView Create(SessionStarted e) => new()
    {
        SessionId = e.SessionId,
        TraineeId = e.TraineeId,
        ExerciseId = e.ExerciseId,
        SkinId = e.SkinId,
        StartedAt = e.At,
    };

    public static void Apply(DotPlaced e, SessionSummaryView v)
    {
        v.Dots++;
        v.DepthSum += e.DepthScore;
        v.SpacingSum += e.SpacingScore;
        v.ShadeSum += e.ShadeScore;
        foreach (var name in e.Flags.Names())
            v.FlagCounts[name] = v.FlagCounts.GetValueOrDefault(name) + 1;
    }

    public static void Apply(SessionPaused _, SessionSummaryView v) => v.Status = "paused";

    public static void Apply(SessionResumed _, SessionSummaryView v) => v.Status = "active";

    public static void Apply(SessionCompleted e, SessionSummaryView v) => (v.Status, v.EndedAt) = ("completed", e.At);

    public static void Apply(SessionAbandoned e, SessionSummaryView v) => (v.Status, v.EndedAt) = ("abandoned", e.At);
}
