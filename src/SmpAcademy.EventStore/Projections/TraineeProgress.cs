using Marten.Events.Aggregation;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.EventStore.Projections;

/// <summary>A trainee's history and progress, for reading. Kept inline: trainee events are rare, and a
/// trainee who has just finished a session expects to see it at once.</summary>
public sealed class TraineeProgress
{
    public string Id { get; set; } = "";

    public string TraineeId { get; set; } = "";

    public string? ProgramId { get; set; }

    public List<ProgressEntry> Sessions { get; set; } = [];

    public List<string> PassedExercises { get; set; } = [];

    public double PracticeMinutes { get; set; }

    /// <summary>Certification bodies the trainee applied to: their auditors' candidate lists are queried by it.</summary>
    public List<string> AppliedTo { get; set; } = [];
}

public sealed class ProgressEntry
{
    public Guid SessionId { get; set; }

    public string ExerciseId { get; set; } = "";

    public Guid CourseId { get; set; }

    public int CourseSessionNumber { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public string Status { get; set; } = "open";

    public int Dots { get; set; }

    public double? MeanDepthScore { get; set; }

    public double? MeanSpacingScore { get; set; }

    public double? MeanShadeScore { get; set; }

    public bool Passed { get; set; }

    public List<string> Unmet { get; set; } = [];
}

public sealed class TraineeProgressProjection : SingleStreamProjection<TraineeProgress, string>
{
    /// <summary>The same read model folded from events in hand (verified ones, for an auditor), by the same rules.</summary>
    public static TraineeProgress Fold(string traineeId, IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var progress = new TraineeProgress { Id = traineeId, TraineeId = traineeId };
        foreach (var e in events)
        {
            switch (EventCatalog.Upcast(e))
            {
                case TraineeEnrolled x: Apply(x, progress); break;
                case CertificationApplied x: Apply(x, progress); break;
                case PracticeSessionOpened x: Apply(x, progress); break;
                case PracticeSessionClosed x: Apply(x, progress); break;
            }
        }

        return progress;
    }

    public static void Apply(TraineeEnrolledV1 e, TraineeProgress p) => Apply((TraineeEnrolled)EventCatalog.Upcast(e), p);

    public static void Apply(TraineeEnrolled e, TraineeProgress p)
    {
        p.TraineeId = e.TraineeId;
        p.ProgramId = e.ProgramId;
    }

    public static void Apply(CertificationApplied e, TraineeProgress p) => p.AppliedTo.Add(e.BodyId);

    public static void Apply(PracticeSessionOpened e, TraineeProgress p)
    {
        p.TraineeId = e.TraineeId;
        p.Sessions.Add(new ProgressEntry
        {
            SessionId = e.SessionId,
            ExerciseId = e.ExerciseId,
            CourseId = e.CourseId,
            CourseSessionNumber = e.CourseSessionNumber,
            StartedAt = e.At,
        });
    }

    public static void Apply(PracticeSessionClosed e, TraineeProgress p)
    {
        var entry = p.Sessions.Find(s => s.SessionId == e.SessionId);
        if (entry is null)
            return;
        entry.Status = e.Summary is null ? "abandoned" : "completed";
        entry.Passed = e.Passed;
        entry.Unmet = [.. e.Unmet];
        if (e.Summary is { } summary)
        {
            entry.Dots = summary.Dots;
            entry.MeanDepthScore = summary.MeanDepthScore;
            entry.MeanSpacingScore = summary.MeanSpacingScore;
            entry.MeanShadeScore = summary.MeanShadeScore;
            p.PracticeMinutes += summary.ActiveDuration.TotalMinutes;
        }

        if (e.Passed && !p.PassedExercises.Contains(entry.ExerciseId))
            p.PassedExercises.Add(entry.ExerciseId);
    }
}
