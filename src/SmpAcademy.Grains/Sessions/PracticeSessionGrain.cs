using System.Text.Json;
using Marten;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.EventStore.Projections;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Grains.Journaling;

namespace SmpAcademy.Grains.Sessions;

/// <summary>
/// One practice session, journaled in its own Marten stream. Dots are scored in memory (the session's
/// spatial index lives here, beside the journaled state) and acknowledged only once durable. The grain is
/// reentrant: dots that arrive while a write is in flight go out together in the next write. Sequence
/// numbers come from the tentative state, and after any failed write the index is rebuilt with the state
/// from the stream, so numbering and scoring always continue from what is stored.
/// </summary>
[Reentrant]
public sealed partial class PracticeSessionGrain(
    IDocumentStore store, GroupCommit commit, CurriculumCatalog curriculum, TimeProvider clock, IClusterMembershipService membership, ILogger<PracticeSessionGrain> log)
    : JournaledStreamGrain<PracticeSessionState>(new MartenJournal(store, commit), log), IPracticeSessionGrain
{
    private readonly MartenJournal _earlier = new(store, commit);
    private readonly SessionWatchers _watchers = new(clock, membership);
    private SessionScorer? _scorer;
    private List<DotPlaced> _dots = [];
    private long _published;
    private SessionStatus _publishedStatus;
    private int _publishedAnnotations;

    private Guid Id => this.GetPrimaryKey();

    protected override string Stream => StreamKeys.Session(Id);

    public async Task<Refusal?> Start(SessionSetup setup, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (!curriculum.Skins.ContainsKey(setup.SkinId))
            return new Refusal(RefusalKind.BadInput, "unknown-skin", $"skin '{setup.SkinId}' is not in the curriculum");
        if (!curriculum.Rubrics.ContainsKey(setup.RubricVersion))
            return new Refusal(RefusalKind.BadInput, "unknown-rubric", $"rubric version {setup.RubricVersion} is not in the curriculum");
        var started = new SessionStarted(Id, setup.TraineeId, setup.ProgramId, setup.ExerciseId, setup.SkinId, setup.CourseId,
            setup.CourseSessionNumber, setup.RubricVersion, clock.GetUtcNow(), setup.EarlierSessions,
            curriculum.Rubrics[setup.RubricVersion].Digest, curriculum.Skins[setup.SkinId].Digest);
        var scorer = await NewScorerAsync(started);
        var recorded = await RecordAsync(requestId, $"start:{JsonSerializer.Serialize(setup)}", state =>
        {
            if (SessionDecisions.Start(state, started) is Refusal violation)
                return violation;
            (_scorer, _dots) = (scorer, []);
            return Decision.Record(started);
        });
        return recorded.Refusal;
    }

    public async Task<PlaceDotsResult> PlaceDots(IReadOnlyList<DotPlacement> dots, string? requestId = null)
    {
        if (WriterRefusal() is { } denied)
            return new PlaceDotsResult([], denied);
        if (!Limits.IsValidBatch(dots))
            return new PlaceDotsResult([], Limits.BadBatch);
        (int? FailedIndex, DotScore[]? Scores) outcome = default;
        var recorded = await RecordAsync(requestId, requestId is null ? "" : $"dots:{JsonSerializer.Serialize(dots)}", state =>
        {
            var decision = DecideDots(state, dots, out var index, out var scores);
            outcome = (index, scores);
            return decision;
        });
        if (recorded.Refusal is { } refusal)
            return new PlaceDotsResult([], refusal, outcome.FailedIndex);

        // A replayed answer comes from the stored events, which keep the scores but not the nearest-dot distance or pattern index.
        var scores = recorded.Replayed ? null : outcome.Scores;
        return new PlaceDotsResult(recorded.Events.Cast<DotPlaced>().Select((d, i) => ScoredDot.From(d, scores?[i])).ToArray());
    }

    /// <summary>
    /// Only the session's own trainee places its dots. Checked here, where the session is at hand, from the caller the
    /// host attached to the call (<see cref="ActingPrincipal"/>): a placement is one grain call from the host, not a
    /// lookup and then a write. Before any replay of a request id, so another caller's key answers nothing.
    /// </summary>
    private Refusal? WriterRefusal() =>
        TentativeState.Started is not { } started ? Refusal.NotFound($"session {Id} does not exist")
        : ActingPrincipal.Current is { } actor && (actor.Role != TraineeRole || actor.Subject != started.TraineeId) ? OnlyTheTrainee
        : null;

    private const string TraineeRole = "trainee";

    private static readonly Refusal OnlyTheTrainee = new(RefusalKind.Forbidden, "forbidden", "only the session's trainee may change it");

    /// <summary>Scores every dot against the index, or refuses them all; no await, so interleaved calls see one index.</summary>
    private Decision DecideDots(PracticeSessionState state, IReadOnlyList<DotPlacement> dots, out int? failedIndex, out DotScore[]? scored)
    {
        (failedIndex, scored) = (null, null);
        var closed = SessionDecisions.CanPlaceDots(state) ?? (_scorer is null ? DotRefusals.SessionNotStarted() : null);
        if (closed is not null || _scorer is null)
            return closed!;
        if (state.LastSequence + dots.Count > Limits.DotsPerSession)
            return Limits.SessionFull(state.LastSequence, dots.Count);
        var placements = dots.Select(d => new DotPlacement(StoredValues.PositiveZero(d.X), StoredValues.PositiveZero(d.Y), d.Needle, StoredValues.PositiveZero(d.DepthMm), StoredValues.PositiveZero(d.Shade))).ToArray();
        for (var i = 0; i < placements.Length; i++)
        {
            if (_scorer.Check(placements[i]) is { } rejection)
            {
                failedIndex = i;
                return rejection;
            }
        }

        var (now, rubric) = (clock.GetUtcNow(), _scorer.RubricVersion);
        var placed = new object[placements.Length];
        var scores = new DotScore[placements.Length];
        for (var i = 0; i < placements.Length; i++)
        {
            scores[i] = _scorer.Place(placements[i]);
            var dot = DotPlaced.From(Id, state.LastSequence + i + 1, placements[i], now, rubric, scores[i]);
            _dots.Add(dot);
            placed[i] = dot;
        }

        scored = scores;
        return new Decision(placed, null);
    }

    public Task<Refusal?> Pause(string? requestId = null) => DecideAsync(requestId, "pause", s => SessionDecisions.Pause(s, Id, clock.GetUtcNow()));

    public Task<Refusal?> Resume(string? requestId = null) => DecideAsync(requestId, "resume", s => SessionDecisions.Resume(s, Id, clock.GetUtcNow()));

    public Task<Refusal?> Complete(string? requestId = null) => DecideAsync(requestId, "complete",
        s => s.Started is { } started ? SessionDecisions.Complete(s, Id, clock.GetUtcNow(), curriculum.Skins[started.SkinId]) : NotStarted);

    public Task<Refusal?> Abandon(string reason, string? requestId = null) =>
        DecideAsync(requestId, $"abandon:{reason}", s => SessionDecisions.Abandon(s, Id, clock.GetUtcNow(), reason));

    public async Task<string?> GetTrainee()
    {
        await EnsureCurrentAsync();
        return State.Started?.TraineeId;
    }

    public async Task<Refusal?> PauseForCoaching(string instructorId, string? requestId = null)
    {
        var instructors = await InstructorsAsync();
        return await DecideAsync(requestId, $"coach:{instructorId}",
            s => GradingDecisions.Unassigned(s, instructors, instructorId) ?? SessionDecisions.Pause(s, Id, clock.GetUtcNow()));
    }

    public async Task<Refusal?> Annotate(string instructorId, AnnotationInput annotation, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var instructors = await InstructorsAsync();
        return await DecideAsync(requestId, $"annotate:{instructorId}:{JsonSerializer.Serialize(annotation)}", s => s.Started is null ? NotStarted
            : GradingDecisions.Annotate(s, instructors, instructorId, curriculum.Skins[s.Started.SkinId], annotation.X, annotation.Y, annotation.DotSequence, annotation.Text, clock.GetUtcNow()));
    }

    public async Task<Refusal?> Grade(string instructorId, GradeInput grade, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(grade);
        var instructors = await InstructorsAsync();
        return await DecideAsync(requestId, $"grade:{instructorId}:{JsonSerializer.Serialize(grade)}", s => s.Started is null ? NotStarted
            : GradingDecisions.Grade(s, instructors, instructorId, curriculum.Programs[s.Started.ProgramId].FindExercise(s.Started.ExerciseId)!,
                grade.Items, grade.Verdict, grade.Comment, clock.GetUtcNow()));
    }

    public async Task<Refusal?> Moderate(string moderatorId, ModerationInput moderation, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(moderation);
        var instructors = await InstructorsAsync();
        return await DecideAsync(requestId, $"moderate:{moderatorId}:{JsonSerializer.Serialize(moderation)}",
            s => GradingDecisions.Moderate(s, instructors, moderatorId, moderation.Agrees, moderation.Verdict, moderation.Reason, clock.GetUtcNow()));
    }

    private async Task<IReadOnlyList<string>> InstructorsAsync()
    {
        await EnsureCurrentAsync();
        return State.Started is { } started ? (await GrainFactory.GetGrain<ITraineeGrain>(started.TraineeId).GetProfile()).Instructors : [];
    }

    private static readonly Refusal NotStarted = Refusal.Conflict("not-started", "the session has not been started");

    private async Task<Refusal?> DecideAsync(string? requestId, string request, Func<PracticeSessionState, object> decide)
    {
        var recorded = await RecordAsync(requestId, request, s => Decision.Of(decide(s)));
        if (recorded.Refusal is null && recorded.Events is [var closed] && closed is SessionCompleted or SessionAbandoned)
            await GrainFactory.GetGrain<ITraineeGrain>(State.Started!.TraineeId).SessionClosed(Id, (closed as SessionCompleted)?.Summary);
        return recorded.Refusal;
    }

    public Task Subscribe(ISessionFeedObserver feed, SiloAddress host)
    {
        _watchers.Add(feed, host);

        // A watched session stays active: a collected activation would come back without its subscribers.
        this.DelayDeactivation(SessionWatchers.Lease);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ISessionFeedObserver feed)
    {
        _watchers.Remove(feed);
        return Task.CompletedTask;
    }

    /// <summary>After every confirmed write, and after a rebuild: publish what became durable since the last update, in sequence order.</summary>
    protected override void OnConfirmed(IReadOnlyList<object> events)
    {
        var state = State;
        if (state.LastSequence == _published && state.Status == _publishedStatus && state.Annotations.Count == _publishedAnnotations)
            return;
        var annotations = state.Annotations.Skip(_publishedAnnotations).ToArray();
        var fresh = DotsBetween(_published + 1, state.LastSequence).Select(d => ScoredDot.From(d)).ToArray();
        (_published, _publishedStatus, _publishedAnnotations) = (state.LastSequence, state.Status, state.Annotations.Count);
        if (_watchers.Any && state.Started is not null)
            _watchers.Send(new LiveUpdate(Id, fresh, state.Status, Stats(state), annotations));
    }

    private LiveStats Stats(PracticeSessionState state)
    {
        var tally = state.Tally;
        return new LiveStats(tally.Dots, tally.MeanDepthScore, tally.MeanSpacingScore, tally.MeanShadeScore,
            tally.FlagRates(), tally.ZoneDensityPerCm2(curriculum.Skins[state.Started!.SkinId]), state.ActiveDuration(clock.GetUtcNow()).TotalSeconds);
    }

    public async Task<SessionView?> GetView(long fromSequence, int limit)
    {
        await EnsureCurrentAsync();
        var state = State;
        if (state.Started is null)
            return null;
        var dots = DotsBetween(fromSequence, state.LastSequence).Take(Math.Clamp(limit, 0, Limits.DotsPerBatch)).ToArray();
        return new SessionView(state.Started, state.Status, state.Tally.Dots, state.EndedAt, state.Summary, dots, Stats(state),
            [.. state.Annotations], state.Grade, state.Moderation);
    }

    /// <summary>Dots with sequence in [from, to], from the index's list (in sequence order, so this seeks rather than scans).</summary>
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

    protected override void Apply(PracticeSessionState state, object @event) => state.Apply(@event);

    /// <summary>The session's list row, kept with its events (so it is never behind them) from the totals the grain keeps anyway.</summary>
    protected override Action<IDocumentOperations>? Alongside(PracticeSessionState written)
    {
        if (written.Started is null)
            return null;
        var row = SessionSummaryView.Of(Stream, written);
        return session => session.Store(row);
    }

    /// <summary>Rebuilds the index by re-scoring every stored dot: it must reproduce the recorded scores, and the sequences must run 1..N.</summary>
    protected override async Task OnLoadedAsync(PracticeSessionState state, IReadOnlyList<object> events, bool recovering)
    {
        var dots = events.OfType<DotPlaced>().ToList();
        for (var i = 0; i < dots.Count; i++)
        {
            if (dots[i].Sequence != i + 1)
            {
                LogSequenceBroken(Stream, i + 1, dots[i].Sequence);
                break;
            }
        }

        SessionScorer? scorer = null;
        if (state.Started is { } started)
        {
            var (replayed, report) = Rescoring.Replay(curriculum.Skins[started.SkinId], curriculum.Rubrics[started.RubricVersion], started, await EarlierDotsAsync(started), dots);
            if (!report.Identical)
                LogRescoreMismatch(Stream, report.Mismatches.Count, dots.Count);
            scorer = replayed;
        }

        (_scorer, _dots) = (scorer, dots);
        if (!recovering)
            (_published, _publishedStatus, _publishedAnnotations) = (state.LastSequence, state.Status, state.Annotations.Count); // history is fetched, not pushed
    }

    private async Task<SessionScorer> NewScorerAsync(SessionStarted started) =>
        Rescoring.Replay(curriculum.Skins[started.SkinId], curriculum.Rubrics[started.RubricVersion], started, await EarlierDotsAsync(started), []).Scorer;

    private async Task<List<DotPlacement>> EarlierDotsAsync(SessionStarted started)
    {
        var dots = new List<DotPlacement>();
        foreach (var earlier in started.EarlierSessions)
            dots.AddRange((await _earlier.ReadAsync(StreamKeys.Session(earlier))).OfType<DotPlaced>().Select(d => d.Placement));
        return dots;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "re-scoring {Stream} found {Mismatches} score differences over {Dots} recorded dots")]
    private partial void LogRescoreMismatch(string stream, int mismatches, int dots);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Stream} is stored with dot {Found} where dot {Expected} belongs: its sequence numbers do not run 1..N")]
    private partial void LogSequenceBroken(string stream, long expected, long found);
}
