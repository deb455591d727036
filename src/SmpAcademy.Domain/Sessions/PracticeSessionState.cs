using SmpAcademy.Domain.Grading;

namespace SmpAcademy.Domain.Sessions;

/// <summary>A practice session as its events make it. Mutated only by <see cref="Apply"/>.</summary>
public sealed class PracticeSessionState
{
    public SessionStarted? Started { get; set; }

    public SessionStatus Status { get; set; }

    public long LastSequence { get; set; }

    public DateTimeOffset? ActiveSince { get; set; }

    public TimeSpan ActiveBefore { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public SessionSummary? Summary { get; set; }

    public SessionTally Tally { get; set; } = new();

    public List<AnnotationAdded> Annotations { get; set; } = [];

    public AttemptGraded? Grade { get; set; }

    public GradeModerated? Moderation { get; set; }

    public TimeSpan ActiveDuration(DateTimeOffset now) => ActiveBefore + (ActiveSince is { } since ? now - since : TimeSpan.Zero);

    public void Apply(object @event)
    {
        switch (@event)
        {
            case SessionStarted e:
                Started = e;
                Status = SessionStatus.Active;
                ActiveSince = e.At;
                break;
            case DotPlaced e:
                LastSequence = e.Sequence;
                Tally.Add(e);
                break;
            case SessionPaused e:
                Stop(e.At, SessionStatus.Paused);
                break;
            case SessionResumed e:
                Status = SessionStatus.Active;
                ActiveSince = e.At;
                break;
            case SessionCompleted e:
                Stop(e.At, SessionStatus.Completed);
                EndedAt = e.At;
                Summary = e.Summary;
                break;
            case SessionAbandoned e:
                Stop(e.At, SessionStatus.Abandoned);
                EndedAt = e.At;
                break;
            case AnnotationAdded e:
                Annotations.Add(e);
                break;
            case AttemptGraded e:
                Grade = e;
                break;
            case GradeModerated e:
                Moderation = e;
                break;
            default:
                throw new ArgumentException($"not a practice session event: {@event.GetType().Name}", nameof(@event));
        }
    }

    private void Stop(DateTimeOffset at, SessionStatus status)
    {
        ActiveBefore = ActiveDuration(at);
        ActiveSince = null;
        Status = status;
    }
}
