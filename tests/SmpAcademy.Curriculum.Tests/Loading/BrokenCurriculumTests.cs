using SmpAcademy.Curriculum.Loading;

namespace SmpAcademy.Curriculum.Tests.Loading;

public class BrokenCurriculumTests
{
    private const string Pad = "skins/flat-practice-pad.yaml";
    private const string Rubric = "rubrics/v1.yaml";
    private const string Program = "programs/smp-practitioner.yaml";

    private static IEnumerable<TestCaseData> Breakages()
    {
        TestCaseData Case(string name, string file, string text, string replacement, string path, string message) =>
            new TestCaseData(file, text, replacement, path, message).SetName(name);

        yield return Case("point outside the skin", Pad, "[100, 100], [0, 100]", "[100, 100], [0, 140]", "zones[0]", "point (0, 140) lies outside the skin");
        yield return Case("self-crossing polygon", Pad, "[[0, 0], [100, 0], [100, 100], [0, 100]]", "[[0, 0], [100, 100], [100, 0], [0, 100]]", "zones[0].polygon", "crosses itself");
        yield return Case("unknown zone kind", Pad, "kind: practice-pad", "kind: forehead", "zones[0].kind", "'forehead' is not one of: practice-pad, frontal-hairline");
        yield return Case("missing thickness", Pad, "    epidermisMm: 0.08", "    epidermis: 0.08", "zones[0]", "missing 'epidermisMm'");
        yield return Case("thickness out of range", Pad, "dermisMm: 1.3", "dermisMm: 9", "zones[0].dermisMm", "9 is out of range [0.5, 3]");
        yield return Case("not a number", Pad, "widthMm: 100", "widthMm: wide", "widthMm", "expected a number, found 'wide'");
        yield return Case("id is not the file name", Pad, "id: flat-practice-pad", "id: practice-pad", "id", "must equal the file name 'flat-practice-pad'");
        yield return Case("base zone that does not exist", Pad, "baseZone: pad", "baseZone: scalp", "baseZone", "'scalp' is not a zone of this skin");
        yield return Case("two shapes", Pad, "    epidermisMm: 0.08", "    circles: [[5, 5]]\n    diameterMm: 1\n    epidermisMm: 0.08", "zones[0]", "exactly one shape");
        yield return Case("hairline without leading edge", "skins/norwood-3-hairline.yaml", "leadingEdge:", "notLeadingEdge:", "zones[4]", "needs a 'leadingEdge'");
        yield return Case("invalid YAML", Pad, "widthMm: 100", "widthMm: [100", "", "not valid YAML");
        yield return Case("rubric number without a source", Rubric, "    source: estimate (two dots closer than 0.3 mm read as one blob once healed)\n", "", "spacing.tooClose.belowMm", "this number has no source");
        yield return Case("rubric curve going backwards", Rubric, "[[0.0, 0], [0.4, 20], [0.7, 80], [0.85, 100]]", "[[0.0, 0], [0.7, 20], [0.4, 80], [0.85, 100]]", "spacing.gapRatioScore.points", "x must increase");
        yield return Case("rubric version not matching its file", Rubric, "version: 1", "version: 2", "version", "must match the file name v1.yaml");
        yield return Case("program using a missing skin", Program, "skin: flat-practice-pad", "skin: velvet-pad", "modules[0].exercises[0].skin", "skin 'velvet-pad' does not exist");
        yield return Case("program with an unknown flag", Program, "{ fade-risk: 0.05, blowout-risk: 0.02 }", "{ fade-risk: 0.05, smudge: 0.02 }", "modules[0].exercises[0].passCriteria.maxFlagRates.smudge", "'smudge' is not a flag");
        yield return Case("course without a healing interval", Program, "        healingIntervalDays: 7\n", "", "modules[5].exercises[0]", "needs 'healingIntervalDays'");
        yield return Case("final assessment that is not an exercise", Program, "finalAssessment: final-assessment", "finalAssessment: exam", "requirements.finalAssessment", "exercise 'exam' is not in this program");
    }

    [TestCaseSource(nameof(Breakages))]
    public void A_broken_file_fails_the_load_naming_the_file_the_path_and_the_problem(string file, string text, string replacement, string path, string message)
    {
        using var copy = new CurriculumCopy().Replace(file, text, replacement);

        var failure = Assert.Throws<CurriculumException>(() => CurriculumLoader.Load(copy.Directory))!;

        var expectedFile = Path.Combine("curriculum", file);
        Assert.That(failure.Errors, Has.Some.Matches<CurriculumError>(e => e!.File == expectedFile && e.Path == path && e.Message.Contains(message, StringComparison.Ordinal)),
            $"expected {expectedFile}: {path}: …{message}… among:\n{string.Join("\n", failure.Errors)}");
        Assert.That(failure.Message, Does.Contain(expectedFile));
    }

    [Test]
    public void Errors_in_several_files_are_all_reported_in_one_load()
    {
        using var copy = new CurriculumCopy()
            .Replace(Pad, "dermisMm: 1.3", "dermisMm: -1")
            .Replace(Program, "skin: flat-practice-pad", "skin: nowhere");

        var failure = Assert.Throws<CurriculumException>(() => CurriculumLoader.Load(copy.Directory))!;

        Assert.That(failure.Errors.Select(e => e.File).Distinct(), Is.EquivalentTo(new[] { Path.Combine("curriculum", Pad), Path.Combine("curriculum", Program) }));
    }

    [Test]
    public void A_yaml_error_gives_its_line()
    {
        using var copy = new CurriculumCopy().Replace(Pad, "heightMm: 100", "heightMm: 100: 5");
        var failure = Assert.Throws<CurriculumException>(() => CurriculumLoader.Load(copy.Directory))!;
        var error = failure.Errors.Single(e => e.File.EndsWith(Pad, StringComparison.Ordinal));
        Assert.That(error.Line, Is.EqualTo(5));
        Assert.That(error.Message, Does.Contain("not valid YAML"));
    }

    [Test]
    public void A_badly_named_rubric_file_is_refused()
    {
        using var copy = new CurriculumCopy().Write("rubrics/latest.yaml", "version: 1\n");
        var failure = Assert.Throws<CurriculumException>(() => CurriculumLoader.Load(copy.Directory))!;
        Assert.That(failure.Errors.Single().Message, Does.Contain("named v<version>.yaml"));
    }

    [Test]
    public void A_missing_curriculum_folder_is_reported() =>
        Assert.That(() => CurriculumLoader.Load("/nonexistent/curriculum"), Throws.TypeOf<CurriculumException>().With.Message.Contains("does not exist"));

    [Test]
    public void An_intact_copy_loads_so_the_breakages_above_are_what_fails()
    {
        using var copy = new CurriculumCopy();
        Assert.That(CurriculumLoader.Load(copy.Directory).Skins, Has.Count.EqualTo(6));
    }
}
