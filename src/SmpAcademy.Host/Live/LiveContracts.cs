using SmpAcademy.Domain.Sessions;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.Live;

/// <summary>What a watcher gets first: the session so far from a sequence on; the live tail follows as "updated" messages.</summary>
/// <param name="LastSequence">The last recorded dot's sequence; dots after the backlog (when it was cut at the limit) come from Backlog.</param>
public sealed record WatchStart(Guid SessionId, string TraineeId, SessionStatus Status, IReadOnlyList<ScoredDot> Dots, long LastSequence, LiveStats Stats);

public sealed record LiveSessionInfo(Guid SessionId, string TraineeId, string ExerciseId, DateTimeOffset StartedAt, bool Paused);
