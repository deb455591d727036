using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Skins;
using SmpAcademy.Testing;

namespace SmpAcademy.Curriculum.Tests.Loading;

public class ShippedCurriculumTests
{
    private static readonly CurriculumCatalog Catalog = CurriculumLoader.Load(RepoPaths.Curriculum);

    [Test]
    public void Every_shipped_skin_loads()
    {
        Assert.That(Catalog.Skins.Keys, Is.EquivalentTo(new[]
        {
            "flat-practice-pad", "norwood-3-hairline", "norwood-6-full-scalp", "fue-scar-field", "fut-strip-scar", "diffuse-thinning",
        }));
        Assert.That(Catalog.Skins.Values.Select(s => s.Fitzpatrick).Distinct().Count(), Is.GreaterThanOrEqualTo(3), "varied skin types");
    }

    [Test]
    public void The_skins_model_what_their_names_say()
    {
        Assert.That(Catalog.Skins["fue-scar-field"].Zones.Any(z => z.ScarTissue == ScarTissue.FueDot), Is.True);
        Assert.That(Catalog.Skins["fut-strip-scar"].Zones.Any(z => z.ScarTissue == ScarTissue.FutLinear), Is.True);
        Assert.That(Catalog.Skins["diffuse-thinning"].Zones.Count(z => z.ExistingHair is { DensityPerCm2: > 0 }), Is.GreaterThanOrEqualTo(2));
        foreach (var id in new[] { "norwood-3-hairline", "norwood-6-full-scalp" })
            Assert.That(Catalog.Skins[id].Zones.Single(z => z.Kind == ZoneKind.FrontalHairline).LeadingEdge, Has.Count.GreaterThan(5));
    }

    [Test]
    public void Rubric_v1_loads_with_every_needle_the_design_notes_name()
    {
        var rubric = Catalog.Rubrics[1];
        Assert.That(rubric.Version, Is.EqualTo(1));
        Assert.That(rubric.Needles.Keys, Is.SupersetOf(new[] { "1RL-0.18", "1RL-0.20", "1RL-0.25", "1RL-0.30", "1RL-0.35", "3RL-0.25" }));
        Assert.That(rubric.Depth.Score.At(0.5), Is.EqualTo(100));
    }

    [Test]
    public void The_program_has_the_six_modules_and_a_three_session_course_with_a_seven_day_interval()
    {
        var program = Catalog.Programs["smp-practitioner"];
        Assert.That(program.Modules.Select(m => m.Id), Is.SupersetOf(new[]
        {
            "depth-control", "density-spacing", "hairline-design", "shade-blending", "scar-camouflage", "full-course",
        }));
        var course = program.FindExercise("three-session-course")!;
        Assert.That(course.Sessions, Is.EqualTo(3));
        Assert.That(course.HealingIntervalDays, Is.EqualTo(7));
        Assert.That(program.Exercises.All(e => e.PassCriteria.MinDots > 0), Is.True);
    }
}
