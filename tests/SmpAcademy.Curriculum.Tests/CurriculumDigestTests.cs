using System.Security.Cryptography;
using SmpAcademy.Curriculum;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Skins;
using SmpAcademy.Testing;

namespace SmpAcademy.Curriculum.Tests;

/// <summary>Each curriculum file is known by the SHA-256 of its bytes, and a pinned copy is read only under its own digest and name.</summary>
public class CurriculumDigestTests
{
    private static readonly CurriculumCatalog Catalog = CurriculumLoader.Load(RepoPaths.Curriculum);

    private static string Sha256Of(string relative) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(RepoPaths.Curriculum, relative))));

    [Test]
    public void Every_file_carries_the_digest_of_its_bytes()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Curriculum, "*.yaml", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepoPaths.Curriculum, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.That(Catalog.Files.Select(f => f.Path).Order(StringComparer.Ordinal), Is.EqualTo(files));
        Assert.That(Catalog.Files.Select(f => (f.Path, f.Digest)), Is.EqualTo(Catalog.Files.Select(f => (f.Path, Sha256Of(f.Path)))));
        Assert.That(Catalog.Rubrics[1].Digest, Is.EqualTo(Sha256Of("rubrics/v1.yaml")));
        Assert.That(Catalog.Skins["flat-practice-pad"].Digest, Is.EqualTo(Sha256Of("skins/flat-practice-pad.yaml")));
        Assert.That(Catalog.Programs["smp-practitioner"].Digest, Is.EqualTo(Sha256Of("programs/smp-practitioner.yaml")));
    }

    [Test]
    public void A_pinned_copy_is_read_only_if_it_hashes_to_its_digest_and_reads_under_its_name()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Curriculum, "rubrics", "v1.yaml"));
        var digest = CurriculumDigest.Of(bytes);

        var read = CurriculumLoader.ReadPinned<Rubric>("v1", digest, bytes)!;
        Assert.That((read.Version, read.Name, read.Digest, read.Needles.Keys), Is.EqualTo((1, Catalog.Rubrics[1].Name, Catalog.Rubrics[1].Digest, Catalog.Rubrics[1].Needles.Keys)));
        var altered = bytes.Concat("\n# edited\n"u8.ToArray()).ToArray();
        Assert.That(CurriculumLoader.ReadPinned<Rubric>("v1", digest, altered), Is.Null);
        Assert.That(CurriculumLoader.ReadPinned<Rubric>("v2", digest, bytes), Is.Null, "a rubric file says its own version");
        Assert.That(CurriculumLoader.ReadPinned<PracticeSkin>("flat-practice-pad", digest, bytes), Is.Null, "a rubric does not read as a skin");
    }

    [Test]
    public void Lookups_with_a_digest_never_fall_back_to_todays_file()
    {
        var older = "id: flat-practice-pad\n"u8.ToArray();
        var pinned = new PinnedCurriculum(Catalog, new Dictionary<string, byte[]> { [CurriculumDigest.Of(older)] = older });
        var today = Catalog.Skins["flat-practice-pad"];

        Assert.That(pinned.Skin(today.Id, null), Is.SameAs(today), "no digest recorded (events from before digests): today's file");
        Assert.That(pinned.Skin(today.Id, today.Digest), Is.SameAs(today));
        Assert.That(pinned.Skin(today.Id, CurriculumDigest.Of(older)), Is.Null, "a kept copy that does not read as a skin is not answered with today's");
        Assert.That(pinned.Rubric(1, "sha256:" + new string('a', 64)), Is.Null);
        Assert.That(pinned.Program("smp-practitioner", Catalog.Programs["smp-practitioner"].Digest), Is.SameAs(Catalog.Programs["smp-practitioner"]));
    }
}
