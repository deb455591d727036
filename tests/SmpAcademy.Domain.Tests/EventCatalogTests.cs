using System.Reflection;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Domain.Tests;

/// <summary>Stored names are versioned and unique; a retired shape keeps its name and its exact JSON, and upcasts to today's with nothing lost.</summary>
public class EventCatalogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Every_stored_name_is_versioned_and_names_one_type()
    {
        Assert.That(EventCatalog.Names.Values, Is.Unique);
        Assert.That(EventCatalog.Names.Values, Has.All.Match(@"^[a-z_]+_v\d+$"));
        foreach (var (type, name) in EventCatalog.Names.Where(n => typeof(IRetiredEvent).IsAssignableFrom(n.Key)))
        {
            var stem = name[..name.LastIndexOf("_v", StringComparison.Ordinal)];
            var version = int.Parse(name[(stem.Length + 2)..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(EventCatalog.Types.ContainsKey($"{stem}_v{version + 1}"), Is.True, $"{type.Name} ({name}) is retired, so {stem}_v{version + 1} is stored in its place");
        }
    }

    [Test]
    public void A_retired_shape_upcasts_to_todays_with_every_field_it_had()
    {
        var session = Guid.NewGuid();
        var earlier = new[] { Guid.NewGuid() };
        var v1 = new SessionStartedV1(session, "ana", "smp-practitioner", "depth-ladder", "flat-practice-pad", Guid.NewGuid(), 2, 1, T0, earlier);
        var today = (SessionStarted)EventCatalog.Upcast(v1);
        Assert.That(today with { EarlierSessions = earlier }, Is.EqualTo(new SessionStarted(v1.SessionId, v1.TraineeId, v1.ProgramId, v1.ExerciseId, v1.SkinId, v1.CourseId,
            v1.CourseSessionNumber, v1.RubricVersion, v1.At, earlier)));
        Assert.That((today.RubricDigest, today.SkinDigest), Is.EqualTo(((string?)null, (string?)null)), "what v1 did not record stays unknown, never made up");

        Assert.That(EventCatalog.Upcast(new TraineeEnrolledV1("ana", "smp-practitioner", T0)), Is.EqualTo(new TraineeEnrolled("ana", "smp-practitioner", T0)));
        var issued = new CertificateIssuedV1("smp-guild", Guid.NewGuid(), "ana", "smp-practitioner", 3, "ab", "gus", "did:key:z", "https://x/status", T0);
        Assert.That(((CertificateIssued)EventCatalog.Upcast(issued)).ProgramDigest, Is.Null);
        var dot = new DotPlaced(session, 1, 1, 2, "1RL-0.25", 0.5, 0.6, T0, 1, "pad", 100, 90, 80, default);
        Assert.That(EventCatalog.Upcast(dot), Is.SameAs(dot), "a current shape is handed on as it is");
    }

    [Test]
    public void A_retired_shape_serializes_exactly_as_the_type_it_replaced_did()
    {
        // Scheme-1 links were made from this JSON: the retired record must keep the released parameter list.
        var v1 = new SessionStartedV1(Guid.Parse("bf324102-d0f5-2d40-adde-025c036ebdad"), "ada", "smp-practitioner", "depth-ladder", "flat-practice-pad",
            Guid.Parse("a699c94d-e84f-4656-ac0a-6d38c94e917a"), 1, 1, DateTimeOffset.Parse("2026-12-02T00:50:04.6014409+00:00", System.Globalization.CultureInfo.InvariantCulture), []);
        Assert.That(System.Text.Encoding.UTF8.GetString(CanonicalJson.Of(v1)), Is.EqualTo(
            """{"SessionId":"bf324102-d0f5-2d40-adde-025c036ebdad","TraineeId":"ada","ProgramId":"smp-practitioner","ExerciseId":"depth-ladder","SkinId":"flat-practice-pad","CourseId":"a699c94d-e84f-4656-ac0a-6d38c94e917a","CourseSessionNumber":1,"RubricVersion":1,"At":"2026-12-02T00:50:04.6014409+00:00","EarlierSessions":[]}"""));
        Assert.That(typeof(SessionStartedV1).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name),
            Is.EqualTo(typeof(SessionStarted).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Where(n => !n.EndsWith("Digest", StringComparison.Ordinal))));
    }
}
