using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Tests.Scoring;

namespace SmpAcademy.Domain.Tests.Sessions;

public class SessionDecisionsTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static PracticeSessionState Given(params object[] events)
    {
        var state = new PracticeSessionState();
        foreach (var e in events)
            state.Apply(e);
        return state;
    }

    private static SessionStarted Started => new(Id, "ada", "smp-practitioner", "depth-ladder", "flat-practice-pad", Guid.NewGuid(), 1, 1, T0, []);

    private static DotPlaced Dot(long sequence, double x) =>
        DotPlaced.From(Id, sequence, Dots.At(x, 10), T0, 1, new DotScore("pad", 100, 80, 60, DotFlags.Merge, null, null));

    [Test]
    public void Dots_can_be_placed_only_while_the_session_is_active()
    {
        Assert.That(SessionDecisions.CanPlaceDots(Given(Started)), Is.Null);
        Assert.That(SessionDecisions.CanPlaceDots(Given())!.Code, Is.EqualTo("session-not-started"));
        var paused = SessionDecisions.CanPlaceDots(Given(Started, new SessionPaused(Id, T0)))!;
        Assert.That(paused.Code, Is.EqualTo("session-paused"), "a pause is not a close: the trainee resumes it");
        Assert.That(paused.Message, Does.Contain("resume"));
        Assert.That(SessionDecisions.CanPlaceDots(Given(Started, new SessionPaused(Id, T0), new SessionResumed(Id, T0)))!, Is.Null);
        Assert.That(SessionDecisions.CanPlaceDots(Given(Started, new SessionCompleted(Id, T0, Given(Started).Tally.Summarise(TestSkins.Pad(), TimeSpan.Zero))))!.Code, Is.EqualTo("session-closed"));
    }

    [Test]
    public void Completing_summarises_scores_density_flags_and_active_time_without_pauses()
    {
        var state = Given(Started, Dot(1, 10), Dot(2, 20), new SessionPaused(Id, T0.AddMinutes(10)), new SessionResumed(Id, T0.AddMinutes(30)));

        var completed = (SessionCompleted)SessionDecisions.Complete(state, Id, T0.AddMinutes(35), TestSkins.Pad());

        Assert.That(completed.Summary.Dots, Is.EqualTo(2));
        Assert.That(completed.Summary.MeanSpacingScore, Is.EqualTo(80));
        Assert.That(completed.Summary.ActiveDuration, Is.EqualTo(TimeSpan.FromMinutes(15)));
        Assert.That(completed.Summary.FlagCounts["merge"], Is.EqualTo(2));
        Assert.That(completed.Summary.ZoneDensityPerCm2["pad"], Is.EqualTo(2 / 100.0).Within(1e-9), "2 dots on 100 cm²");
    }

    [Test]
    public void A_closed_session_cannot_be_paused_resumed_completed_or_abandoned_again()
    {
        var done = Given(Started, new SessionAbandoned(Id, T0, "tired"));
        Assert.That(SessionDecisions.Pause(done, Id, T0), Is.TypeOf<Refusal>());
        Assert.That(SessionDecisions.Resume(done, Id, T0), Is.TypeOf<Refusal>());
        Assert.That(SessionDecisions.Complete(done, Id, T0, TestSkins.Pad()), Is.TypeOf<Refusal>());
        Assert.That(SessionDecisions.Abandon(done, Id, T0, "again"), Is.TypeOf<Refusal>());
        Assert.That(SessionDecisions.Start(done, Started), Is.TypeOf<Refusal>());
    }
}
