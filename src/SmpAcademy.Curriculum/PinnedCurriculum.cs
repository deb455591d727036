using System.Collections.Concurrent;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Skins;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Curriculum;

/// <summary>
/// Curriculum files by content: today's catalog, plus older copies kept by digest (the server's archive, or a
/// bundle's pinned files). A lookup with a digest gets exactly that file or nothing, never today's file of the
/// same name; a copy is read only if its bytes still hash to its digest.
/// </summary>
public sealed class PinnedCurriculum : ICurriculumFiles
{
    private readonly CurriculumCatalog _current;
    private readonly IReadOnlyDictionary<string, byte[]> _copies;
    private readonly ConcurrentDictionary<(Type, string, string), object?> _read = new();

    /// <param name="copies">File contents by digest; today's files need not be among them.</param>
    public PinnedCurriculum(CurriculumCatalog current, IReadOnlyDictionary<string, byte[]> copies)
    {
        ArgumentNullException.ThrowIfNull(current);
        _current = current;
        _copies = copies;
    }

    public CurriculumCatalog Current => _current;

    /// <summary>A file's bytes by digest, today's or a kept copy.</summary>
    public byte[]? Content(string digest) =>
        _copies.TryGetValue(digest, out var copy) ? copy : _current.Files.FirstOrDefault(f => f.Digest == digest)?.Content;

    /// <summary>The files these events recorded by digest, with their bytes: what a bundle of them carries. A digest not to be had is left out (re-scoring says so).</summary>
    public IReadOnlyDictionary<string, byte[]> PinnedBy(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var digests = events.SelectMany(e => e switch
        {
            SessionStarted s => new[] { s.RubricDigest, s.SkinDigest },
            TraineeEnrolled t => [t.ProgramDigest],
            CertificateIssued c => [c.ProgramDigest],
            _ => [],
        });
        var pinned = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var digest in digests.OfType<string>())
        {
            if (!pinned.ContainsKey(digest) && Content(digest) is { } content && CurriculumDigest.Of(content) == digest)
                pinned[digest] = content;
        }

        return pinned;
    }

    public PracticeSkin? Skin(string id, string? digest) => Find(id, digest, _current.Skins.GetValueOrDefault(id), s => s.Digest);

    public Rubric? Rubric(int version, string? digest) => Find($"v{version}", digest, _current.Rubrics.GetValueOrDefault(version), r => r.Digest);

    public CertificationProgram? Program(string id, string? digest) => Find(id, digest, _current.Programs.GetValueOrDefault(id), p => p.Digest);

    private T? Find<T>(string name, string? digest, T? today, Func<T, string> digestOf)
        where T : class
    {
        if (digest is null || (today is not null && digestOf(today) == digest))
            return today;
        return _read.GetOrAdd((typeof(T), name, digest), key =>
            Content(key.Item3) is { } content ? CurriculumLoader.ReadPinned<T>(key.Item2, key.Item3, content) : null) as T;
    }
}
