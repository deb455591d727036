using System.Globalization;
using SmpAcademy.Domain.Grading;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Domain.Certification;

/// <summary>
/// Decides certification from a trainee's events alone (their trainee stream and their sessions'
/// streams) and the program. Pure and deterministic: the same events give the same decision, which
/// lists every requirement with the event ids that met it, or says what is missing.
/// </summary>
public static class CertificationRules
{
    public static CertificationDecision Decide(string traineeId, CertificationProgram program, IReadOnlyList<RecordedEvent> recorded)
    {
        ArgumentNullException.ThrowIfNull(program);
        var (history, setAside) = OwnWork.Sort(traineeId, recorded);
        var opened = Of<PracticeSessionOpened>(history).Where(e => e.Data.TraineeId == traineeId).ToDictionary(e => e.Data.SessionId);
        var closed = Of<PracticeSessionClosed>(history).Where(e => opened.ContainsKey(e.Data.SessionId)).ToDictionary(e => e.Data.SessionId);
        var signOffs = EffectiveVerdicts(history, opened.Keys.ToHashSet());
        var passed = closed.Values.Where(c => c.Data.Passed).ToArray();

        var results = new List<RequirementResult>
        {
            Enrolled(traineeId, program, history),
            PracticeHours(program, closed.Values),
        };
        foreach (var module in program.Modules)
            results.Add(ModulePassed(module, opened, passed));
        results.Add(Courses(program, opened, closed));
        results.Add(SignOffs(program, opened, signOffs));
        results.Add(FinalAssessment(program, opened, passed, signOffs));
        if (setAside is not null)
            results.Add(setAside);
        return new CertificationDecision(traineeId, program.Id, results.All(r => r.Met), results);
    }

    private static RequirementResult Enrolled(string traineeId, CertificationProgram program, IReadOnlyList<RecordedEvent> history)
    {
        var (enrolment, data) = Of<TraineeEnrolled>(history).FirstOrDefault(e => e.Data.TraineeId == traineeId && e.Data.ProgramId == program.Id);
        return new("enrolled", enrolment is not null, enrolment is null ? $"no enrolment in {program.Id}" : F($"enrolled {data.At:yyyy-MM-dd}"), Ids(enrolment));
    }

    private static RequirementResult PracticeHours(CertificationProgram program, IEnumerable<(RecordedEvent Event, PracticeSessionClosed Data)> closed)
    {
        var completed = closed.Where(c => c.Data.Summary is not null).ToArray();
        var hours = completed.Sum(c => c.Data.Summary!.ActiveDuration.TotalHours);
        return new("practice hours", hours >= program.Requirements.PracticeHours,
            F($"{hours:0.##} h of active practice in {completed.Length} completed session(s), needs {program.Requirements.PracticeHours} h"),
            Ids(completed.Select(c => c.Event)));
    }

    private static RequirementResult ModulePassed(ProgramModule module, Dictionary<Guid, (RecordedEvent Event, PracticeSessionOpened Data)> opened,
        IEnumerable<(RecordedEvent Event, PracticeSessionClosed Data)> passed)
    {
        var byExercise = passed.GroupBy(p => opened[p.Data.SessionId].Data.ExerciseId).ToDictionary(g => g.Key, g => g.First());
        var missing = module.Exercises.Where(e => !byExercise.ContainsKey(e.Id)).Select(e => e.Id).ToArray();
        return new($"module {module.Id}", missing.Length == 0,
            missing.Length == 0 ? $"all {module.Exercises.Count} exercise(s) passed" : $"not yet passed: {string.Join(", ", missing)}",
            Ids(module.Exercises.Where(e => byExercise.ContainsKey(e.Id)).Select(e => byExercise[e.Id].Event)));
    }

    private static RequirementResult Courses(CertificationProgram program, Dictionary<Guid, (RecordedEvent Event, PracticeSessionOpened Data)> opened,
        Dictionary<Guid, (RecordedEvent Event, PracticeSessionClosed Data)> closed)
    {
        var evidence = new List<Guid>();
        var problems = new List<string>();
        foreach (var exercise in program.Exercises.Where(e => e.Sessions > 1))
        {
            // A full course: every session completed, in order, each started at least the interval after the previous one.
            var full = opened.Values.Where(o => o.Data.ExerciseId == exercise.Id).GroupBy(o => o.Data.CourseId)
                .Select(g => g.OrderBy(o => o.Data.CourseSessionNumber).ToArray())
                .FirstOrDefault(c => c.Length == exercise.Sessions
                    && c.All(o => closed.TryGetValue(o.Data.SessionId, out var x) && x.Data.Summary is not null)
                    && c.Zip(c.Skip(1)).All(p => p.Second.Data.CourseDay - p.First.Data.CourseDay >= exercise.HealingIntervalDays));
            if (full is null)
                problems.Add(F($"{exercise.Id}: no course of {exercise.Sessions} completed sessions each {exercise.HealingIntervalDays} course days apart"));
            else
                evidence.AddRange(full.SelectMany(o => new[] { o.Event.EventId, closed[o.Data.SessionId].Event.EventId }));
        }

        return new("treatment courses with healing intervals", problems.Count == 0, problems.Count == 0 ? "every course exercise has a full course" : string.Join("; ", problems), evidence);
    }

    private static RequirementResult SignOffs(CertificationProgram program, Dictionary<Guid, (RecordedEvent Event, PracticeSessionOpened Data)> opened,
        Dictionary<Guid, (GradeVerdict Verdict, IReadOnlyList<RecordedEvent> Evidence)> verdicts)
    {
        var signedExercises = verdicts.Where(v => v.Value.Verdict == GradeVerdict.SignedOff)
            .GroupBy(v => opened[v.Key].Data.ExerciseId).Select(g => g.First()).ToArray();
        return new("instructor sign-offs", signedExercises.Length >= program.Requirements.InstructorSignOffs,
            F($"{signedExercises.Length} exercise(s) signed off by an instructor, needs {program.Requirements.InstructorSignOffs}"),
            Ids(signedExercises.SelectMany(s => s.Value.Evidence)));
    }

    private static RequirementResult FinalAssessment(CertificationProgram program, Dictionary<Guid, (RecordedEvent Event, PracticeSessionOpened Data)> opened,
        IEnumerable<(RecordedEvent Event, PracticeSessionClosed Data)> passed, Dictionary<Guid, (GradeVerdict Verdict, IReadOnlyList<RecordedEvent> Evidence)> verdicts)
    {
        var final = program.Requirements.FinalAssessmentExercise;
        var attempt = passed.FirstOrDefault(p => opened[p.Data.SessionId].Data.ExerciseId == final
            && verdicts.TryGetValue(p.Data.SessionId, out var v) && v.Verdict == GradeVerdict.SignedOff);
        return attempt.Event is null
            ? new("final assessment", false, $"no passed attempt of '{final}' signed off by an instructor", [])
            : new("final assessment", true, $"'{final}' passed and signed off", [attempt.Event.EventId, .. Ids(verdicts[attempt.Data.SessionId].Evidence)]);
    }

    /// <summary>Each graded session's verdict: the grade's, unless a moderator overrode it.</summary>
    private static Dictionary<Guid, (GradeVerdict Verdict, IReadOnlyList<RecordedEvent> Evidence)> EffectiveVerdicts(IReadOnlyList<RecordedEvent> history, HashSet<Guid> sessions)
    {
        var verdicts = new Dictionary<Guid, (GradeVerdict, IReadOnlyList<RecordedEvent>)>();
        foreach (var (e, grade) in Of<AttemptGraded>(history).Where(g => sessions.Contains(g.Data.SessionId)))
            verdicts[grade.SessionId] = (grade.Verdict, [e]);
        foreach (var (e, moderation) in Of<GradeModerated>(history).Where(m => verdicts.ContainsKey(m.Data.SessionId)))
            verdicts[moderation.SessionId] = (moderation.Verdict, [.. verdicts[moderation.SessionId].Item2, e]);
        return verdicts;
    }

    private static IEnumerable<(RecordedEvent Event, T Data)> Of<T>(IReadOnlyList<RecordedEvent> history) =>
        history.Where(e => e.Data is T).Select(e => (e, (T)e.Data));

    private static Guid[] Ids(RecordedEvent? e) => e is null ? [] : [e.EventId];

    private static Guid[] Ids(IEnumerable<RecordedEvent> events) => [.. events.Select(e => e.EventId)];

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
