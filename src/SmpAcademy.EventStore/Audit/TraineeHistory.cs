using Marten;
using SmpAcademy.Domain;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Trainees;
using SmpAcademy.EventStore.Streams;

namespace SmpAcademy.EventStore.Audit;

/// <summary>An event as audited: the row as PostgreSQL holds it (what verification covers) and its data read from that row.</summary>
/// <param name="AsStored">The data in its stored shape (scheme-1 links were made from it); null when the row does not read as a catalogued event: its verification says why.</param>
public sealed record AuditedEvent(StoredEvent Stored, object? AsStored)
{
    /// <summary>The data as today's rules read it: a retired shape upcast.</summary>
    public object? Data { get; } = AsStored is null ? null : EventCatalog.Upcast(AsStored);

    public string Stream => Stored.Stream;

    public long Version => Stored.Version;

    public Guid Id => Stored.Id;

    public DateTimeOffset Timestamp => Stored.Timestamp;

    /// <summary>Who recorded it, in words: "ada (trainee) via http"; for events from before provenance, that it was not recorded.</summary>
    public string By => Stored.Provenance is { } p ? p.By?.ToString() ?? "no signed-in caller" : "not recorded (hash scheme 1)";
}

/// <summary>One stream as stored: its events and the version the store records for it.</summary>
public sealed record StoredStream(string Stream, IReadOnlyList<AuditedEvent> Events, long RecordedVersion);

/// <summary>
/// Everything a trainee's certification rests on: their own stream, then every session they opened, in
/// the order opened. Read as stored, row by row, so that verification, the decision and every audit view
/// see exactly what PostgreSQL holds.
/// </summary>
public sealed record TraineeHistory(string TraineeId, IReadOnlyList<StoredStream> Streams)
{
    public bool Exists => Streams.Count > 0 && Streams[0].Events.Count > 0;

    public string? ProgramId => Events.Select(e => e.Data).OfType<TraineeEnrolled>().FirstOrDefault()?.ProgramId;

    public IEnumerable<AuditedEvent> Events => Streams.SelectMany(s => s.Events);

    /// <summary>The events as the certification rules read them; built once (decision, re-scoring and xAPI all read it).</summary>
    public IReadOnlyList<RecordedEvent> Recorded => _recorded ??= [.. Events.Where(e => e.Data is not null).Select(e => new RecordedEvent(e.Id, e.Stream, e.Version, e.Data!, e.Stored.Provenance))];

    private IReadOnlyList<RecordedEvent>? _recorded;

    public static async Task<TraineeHistory> LoadAsync(IDocumentStore store, string traineeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var trainee = await LoadStreamAsync(store, StreamKeys.Trainee(traineeId), cancellationToken);
        if (trainee.Events.Count == 0)
            return new TraineeHistory(traineeId, []);
        var streams = new List<StoredStream> { trainee };
        foreach (var opened in trainee.Events.Select(e => e.Data).OfType<PracticeSessionOpened>())
            streams.Add(await LoadStreamAsync(store, StreamKeys.Session(opened.SessionId), cancellationToken));
        return new TraineeHistory(traineeId, streams);
    }

    public static async Task<StoredStream> LoadStreamAsync(IDocumentStore store, string stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (events, recorded) = await StoredRows.ReadStreamAsync(store, stream, cancellationToken);
        var serializer = store.Options.Serializer();
        return new StoredStream(stream, [.. events.Select(e => new AuditedEvent(e, StoredRows.Decode(e, serializer)))], recorded);
    }
}
