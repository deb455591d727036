using Marten;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Sessions;

/// <summary>
/// One practice session, journaled in its own Marten stream. Dots are scored in memory (the
/// session's spatial index lives here, outside the journaled state, so Orleans never copies it),
/// raised as conditional events and acknowledged only once durable. The grain is reentrant:
/// dots that arrive while a write is in flight go out together in the next write (group commit).
/// A conflicting writer makes the conditional raise fail; the grain then reloads from the stream.
/// </summary>
[Reentrant]
[LogConsistencyProvider(ProviderName = GrainsSetup.LogConsistencyProvider)]
public sealed partial class PracticeSessionGrain(
    IDocumentStore store, GroupCommit commit, CurriculumCatalog curriculum, TimeProvider clock, IClusterMembershipService membership, ILogger<PracticeSessionGrain> log)
    : JournaledGrain<PracticeSessionState, object>, IPracticeSessionGrain, ICustomStorageInterface<PracticeSessionState, object>
{
    private readonly MartenJournal _journal = new(store, commit);
    private static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);
    private readonly Dictionary<ISessionFeedObserver, (DateTimeOffset Until, SiloAddress Host)> _feeds = [];
    private SessionScorer? _scorer;
    private List<DotPlaced> _dots = [];
    private long _published;
    private SessionStatus _publishedStatus;
    private int _publishedAnnotations;

    private Guid Id => this.GetPrimaryKey();

    private string Stream => StreamKeys.Session(Id);

    public async Task<Refusal?> Start(SessionSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (!curriculum.Skins.ContainsKey(setup.SkinId))
            return new Refusal(RefusalKind.BadInput, "unknown-skin", $"skin '{setup.SkinId}' is not in the curriculum");
        if (!curriculum.Rubrics.ContainsKey(setup.RubricVersion))
            return new Refusal(RefusalKind.BadInput, "unknown-rubric", $"rubric version {setup.RubricVersion} is not in the curriculum");
        var started = new SessionStarted(Id, setup.TraineeId, setup.ProgramId, setup.ExerciseId, setup.SkinId, setup.CourseId,
            setup.CourseSessionNumber, setup.RubricVersion, clock.GetUtcNow(), setup.EarlierSessions);
        if (SessionDecisions.Start(TentativeState, started) is RuleViolation violation)
            return Refusal.Of(violation);

        _scorer = await NewScorerAsync(started);
        _dots = [];
        return await RaiseConditionalEvent(started) ? null : Refusal.ChangedElsewhere;
    }

    public async Task<PlaceDotsResult> PlaceDots(IReadOnlyList<DotInput> dots)
    {
        ArgumentNullException.ThrowIfNull(dots);
        var closed = SessionDecisions.CanPlaceDots(TentativeState) ?? (_scorer is null ? DotRejection.SessionClosed("not started") : null);
        if (closed is not null || _scorer is null)
            return new PlaceDotsResult([], Refusal.Of(closed!));
        var placements = dots.Select(d => new DotPlacement(d.X, d.Y, d.Needle, d.DepthMm, d.Shade)).ToArray();
        for (var i = 0; i < placements.Length; i++)
        {
            if (_scorer.Check(placements[i]) is { } rejection)
                return new PlaceDotsResult([], Refusal.Of(rejection), i);
        }

        // From here to the raise nothing awaits, so interleaved calls see a consistent index.
        var now = clock.GetUtcNow();
        var rubric = _scorer.RubricVersion;
        var placed = new DotPlaced[placements.Length];
        var feedback = new DotFeedback[placements.Length];
        for (var i = 0; i < placements.Length; i++)
        {
            var score = _scorer.Place(placements[i]);
            placed[i] = DotPlaced.From(Id, _dots.Count + 1, placements[i], now, rubric, score);
            feedback[i] = new DotFeedback(placed[i].Sequence, score.Zone, score.Depth, score.Spacing, score.Shade, score.Flags.Names(), score.NearestDotMm, score.PatternIndex, rubric);
            _dots.Add(placed[i]);
        }

        return await RaiseConditionalEvents(placed)
            ? new PlaceDotsResult(feedback)
            : new PlaceDotsResult([], Refusal.ChangedElsewhere);
    }

    public Task<Refusal?> Pause() => DecideAsync(s => SessionDecisions.Pause(s, Id, clock.GetUtcNow()));

    public Task<Refusal?> Resume() => DecideAsync(s => SessionDecisions.Resume(s, Id, clock.GetUtcNow()));

    public Task<Refusal?> Complete() =>
        DecideAsync(s => s.Started is { } started ? SessionDecisions.Complete(s, Id, clock.GetUtcNow(), curriculum.Skins[started.SkinId]) : NotStarted);

    public Task<Refusal?> Abandon(string reason) => DecideAsync(s => SessionDecisions.Abandon(s, Id, clock.GetUtcNow(), reason));

    public Task<string?> GetTrainee() => Task.FromResult(State.Started?.TraineeId);

    public async Task<Refusal?> PauseForCoaching(string instructorId)
    {
        var instructors = await InstructorsAsync();
        return await DecideAsync(s => GradingDecisions.Unassigned(s, instructors, instructorId) ?? SessionDecisions.Pause(s, Id, clock.GetUtcNow()));
    }

    public async Task<Refusal?> Annotate(string instructorId, AnnotationInput annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var instructors = await InstructorsAsync();
        return await DecideAsync(s => s.Started is null ? NotStarted
            : GradingDecisions.Annotate(s, instructors, instructorId, curriculum.Skins[s.Started.SkinId], annotation.X, annotation.Y, annotation.DotSequence, annotation.Text, clock.GetUtcNow()));
    }

    public async Task<Refusal?> Grade(string instructorId, GradeInput grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        var instructors = await InstructorsAsync();
        return await DecideAsync(s => s.Started is null ? NotStarted
            : GradingDecisions.Grade(s, instructors, instructorId, curriculum.Programs[s.Started.ProgramId].FindExercise(s.Started.ExerciseId)!,
                grade.Items, grade.Verdict, grade.Comment, clock.GetUtcNow()));
    }

    public async Task<Refusal?> Moderate(string moderatorId, ModerationInput moderation)
    {
        ArgumentNullException.ThrowIfNull(moderation);
        var instructors = await InstructorsAsync();
        return await DecideAsync(s => GradingDecisions.Moderate(s, instructors, moderatorId, moderation.Agrees, moderation.Verdict, moderation.Reason, clock.GetUtcNow()));
    }

    private async Task<IReadOnlyList<string>> InstructorsAsync() =>
        State.Started is { } started ? (await GrainFactory.GetGrain<ITraineeGrain>(started.TraineeId).GetProfile()).Instructors : [];

    public Task Subscribe(ISessionFeedObserver feed, SiloAddress host)
    {
        _feeds[feed] = (clock.GetUtcNow() + SubscriptionLifetime, host);

        // A watched session stays active: a collected activation would come back without its subscribers.
        this.DelayDeactivation(SubscriptionLifetime);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ISessionFeedObserver feed)
    {
        _feeds.Remove(feed);
        return Task.CompletedTask;
    }

    /// <summary>After every confirmed write: publish the newly durable dots, in sequence order, to every feed.</summary>
    protected override void OnStateChanged()
    {
        var state = State;
        if (state.LastSequence == _published && state.Status == _publishedStatus && state.Annotations.Count == _publishedAnnotations)
            return;
        var annotations = state.Annotations.Skip(_publishedAnnotations).ToArray();
        _publishedAnnotations = state.Annotations.Count;
        var fresh = DotsBetween(_published + 1, state.LastSequence).Select(DotRecord.From).ToArray();
        (_published, _publishedStatus) = (state.LastSequence, state.Status);
        if (_feeds.Count == 0 || state.Started is null)
            return;
        var update = new LiveUpdate(Id, fresh, state.Status, Stats(state), annotations);
        var now = clock.GetUtcNow();
        var members = membership.CurrentSnapshot;
        foreach (var (feed, (until, host)) in _feeds.ToArray())
        {
            // A host that died cannot unsubscribe; sending on would only bounce (and log) for the rest of its lifetime.
            if (until < now || members.GetSiloStatus(host) == SiloStatus.Dead)
                _feeds.Remove(feed);
            else
                _ = feed.Updated(update);
        }
    }

    private LiveStats Stats(PracticeSessionState state)
    {
        var tally = state.Tally;
        return new LiveStats(tally.Dots, tally.MeanDepthScore, tally.MeanSpacingScore, tally.MeanShadeScore,
            tally.FlagRates(), tally.ZoneDensityPerCm2(curriculum.Skins[state.Started!.SkinId]));
    }

    public Task<SessionView?> GetView(long fromSequence, int limit)
    {
        var state = State;
        if (state.Started is null)
            return Task.FromResult<SessionView?>(null);
        var dots = DotsBetween(fromSequence, state.LastSequence).Take(Math.Clamp(limit, 0, 10_000)).ToArray();
        return Task.FromResult<SessionView?>(new SessionView(state.Started, state.Status, state.Tally.Dots, state.EndedAt, state.Summary, dots, Stats(state),
            [.. state.Annotations], state.Grade, state.Moderation));
    }

    /// <summary>Recorded dots with sequence in [from, to]. The list is in sequence order, so this seeks rather than scans:
    /// it runs after every write.</summary>
    private IEnumerable<DotPlaced> DotsBetween(long from, long to)
    {
        int low = 0, high = _dots.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_dots[middle].Sequence < from)
                low = middle + 1;
            else
                high = middle;
        }

        for (var i = low; i < _dots.Count && _dots[i].Sequence <= to; i++)
            yield return _dots[i];
    }

    private static readonly RuleViolation NotStarted = new("not-started", "the session has not been started");

    private async Task<Refusal?> DecideAsync(Func<PracticeSessionState, object> decide)
    {
        var decision = decide(TentativeState);
        if (decision is RuleViolation violation)
            return Refusal.Of(violation);
        if (!await RaiseConditionalEvent(decision))
            return Refusal.ChangedElsewhere;
        if (decision is SessionCompleted or SessionAbandoned)
        {
            var summary = (decision as SessionCompleted)?.Summary;
            await GrainFactory.GetGrain<ITraineeGrain>(State.Started!.TraineeId).SessionClosed(Id, summary);
        }

        return null;
    }

    protected override void TransitionState(PracticeSessionState state, object @event) => state.Apply(@event);

    public async Task<KeyValuePair<int, PracticeSessionState>> ReadStateFromStorage()
    {
        var events = await _journal.ReadAsync(Stream);
        var state = new PracticeSessionState();
        var dots = new List<DotPlaced>();
        foreach (var e in events)
        {
            state.Apply(e);
            if (e is DotPlaced dot)
                dots.Add(dot);
        }

        // Rebuild the index by re-scoring every recorded dot: it must reproduce the recorded scores.
        SessionScorer? scorer = null;
        if (state.Started is { } started)
        {
            var (replayed, report) = Rescoring.Replay(curriculum.Skins[started.SkinId], curriculum.Rubrics[started.RubricVersion], started, await EarlierDotsAsync(started), dots);
            if (!report.Identical)
                LogRescoreMismatch(Stream, report.Mismatches.Count, dots.Count);
            scorer = replayed;
        }

        (_scorer, _dots) = (scorer, dots);
        if (_published == 0)
            (_published, _publishedStatus, _publishedAnnotations) = (state.LastSequence, state.Status, state.Annotations.Count); // history is fetched, not pushed
        return new(events.Count, state);
    }

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<object> updates, int expectedVersion) =>
        _journal.AppendAsync(Stream, expectedVersion, updates);

    private async Task<SessionScorer> NewScorerAsync(SessionStarted started) =>
        Rescoring.Replay(curriculum.Skins[started.SkinId], curriculum.Rubrics[started.RubricVersion], started, await EarlierDotsAsync(started), []).Scorer;

    private async Task<List<DotPlacement>> EarlierDotsAsync(SessionStarted started)
    {
        var dots = new List<DotPlacement>();
        foreach (var earlier in started.EarlierSessions)
            dots.AddRange((await _journal.ReadAsync(StreamKeys.Session(earlier))).OfType<DotPlaced>().Select(d => d.Placement));
        return dots;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "re-scoring {Stream} found {Mismatches} score differences over {Dots} recorded dots")]
    private partial void LogRescoreMismatch(string stream, int mismatches, int dots);
}
