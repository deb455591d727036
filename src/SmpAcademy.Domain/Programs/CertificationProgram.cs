using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Domain.Programs;

/// <summary>A certification program: what a trainee must practise and pass to be certified.</summary>
public sealed record CertificationProgram(
    string Id,
    string Name,
    string Description,
    int RubricVersion,
    ProgramRequirements Requirements,
    IReadOnlyList<ProgramModule> Modules,
    IReadOnlyList<CertificationBody> Bodies)
{
    /// <summary>"sha256:" and the hex SHA-256 of the file it was read from: what an enrolment and a certificate record.</summary>
    public string Digest { get; init; } = "";

    public IEnumerable<Exercise> Exercises => Modules.SelectMany(m => m.Exercises);

    public Exercise? FindExercise(string id) => Exercises.FirstOrDefault(e => e.Id == id);

    public CertificationBody? FindBody(string id) => Bodies.FirstOrDefault(b => b.Id == id);
}

/// <summary>An organisation that awards this program's certificate after auditing a candidate's history.</summary>
public sealed record CertificationBody(string Id, string Name);

/// <param name="Source">Where the hour and sign-off numbers come from (e.g. a national qualification).</param>
public sealed record ProgramRequirements(
    double PracticeHours,
    int InstructorSignOffs,
    string FinalAssessmentExercise,
    string Source);

public sealed record ProgramModule(string Id, string Name, IReadOnlyList<Exercise> Exercises);

/// <param name="Sessions">More than one makes a treatment course on one skin instance.</param>
/// <param name="HealingIntervalDays">Course days that must pass between two sessions of a course.</param>
/// <param name="ManualItems">What an instructor grades by eye (e.g. hairline naturalness).</param>
public sealed record Exercise(
    string Id,
    string Name,
    string Description,
    string SkinId,
    int Sessions,
    int HealingIntervalDays,
    PassCriteria PassCriteria,
    IReadOnlyList<string> ManualItems,
    bool RequiresSignOff);

/// <param name="MaxFlagRates">Highest share of dots that may carry each flag.</param>
public sealed record PassCriteria(
    double MinDepthScore,
    double MinSpacingScore,
    double MinShadeScore,
    IReadOnlyDictionary<DotFlags, double> MaxFlagRates,
    int MinDots,
    double MinMinutes);
