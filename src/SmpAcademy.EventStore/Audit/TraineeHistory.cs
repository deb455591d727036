using JasperFx.Events;
using Marten;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.EventStore.Audit;

/// <summary>One stream as stored: its events and the version the store records for it.</summary>
public sealed record StoredStream(string Stream, IReadOnlyList<IEvent> Events, long RecordedVersion);

/// <summary>
/// Everything a trainee's certification rests on: their own stream, then every session they opened, in
/// the order opened. Read as stored, so that verification sees exactly what PostgreSQL holds.
/// </summary>
public sealed record TraineeHistory(string TraineeId, IReadOnlyList<StoredStream> Streams)
{
    public bool Exists => Streams.Count > 0 && Streams[0].Events.Count > 0;

    public string? ProgramId => Events.Select(e => e.Data).OfType<TraineeEnrolled>().FirstOrDefault()?.ProgramId;

    public IEnumerable<IEvent> Events => Streams.SelectMany(s => s.Events);

    /// <summary>The events as the certification rules read them; built once (decision, re-scoring and xAPI all read it).</summary>
    public IReadOnlyList<RecordedEvent> Recorded => _recorded ??= [.. Events.Select(e => new RecordedEvent(e.Id, e.StreamKey!, e.Version, e.Data))];

    private IReadOnlyList<RecordedEvent>? _recorded;

    public static async Task<TraineeHistory> LoadAsync(IQuerySession query, string traineeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var trainee = await LoadStreamAsync(query, StreamKeys.Trainee(traineeId), cancellationToken);
        if (trainee.Events.Count == 0)
            return new TraineeHistory(traineeId, []);
        var streams = new List<StoredStream> { trainee };
        foreach (var opened in trainee.Events.Select(e => e.Data).OfType<PracticeSessionOpened>())
            streams.Add(await LoadStreamAsync(query, StreamKeys.Session(opened.SessionId), cancellationToken));
        return new TraineeHistory(traineeId, streams);
    }

    private static async Task<StoredStream> LoadStreamAsync(IQuerySession query, string stream, CancellationToken cancellationToken)
    {
        var events = await query.Events.FetchStreamAsync(stream, token: cancellationToken);
        var state = await query.Events.FetchStreamStateAsync(stream, cancellationToken);
        return new StoredStream(stream, events, state?.Version ?? 0);
    }
}
