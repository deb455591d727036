using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Scoring;

namespace SmpAcademy.Curriculum.Programs;

/// <summary>Reads one certification program (format: curriculum/programs/smp-practitioner.yaml).</summary>
internal static class ProgramReader
{
    public static CertificationProgram Read(YamlReader root, string expectedId)
    {
        var id = root.Required("id").Text(expectedId);
        if (id != expectedId)
            root.Required("id").Error($"id '{id}' must equal the file name '{expectedId}'");
        var requirements = root.Required("requirements");
        return new CertificationProgram(
            id,
            root.Required("name").Text(id),
            root.Optional("description").Text(),
            root.Required("rubric").Integer(1, 1000),
            new ProgramRequirements(
                requirements.Required("practiceHours").Number(0, 10_000),
                requirements.Required("instructorSignOffs").Integer(0, 1000),
                requirements.Required("finalAssessment").Text(),
                requirements.Required("source").Text()),
            root.Required("modules").Items(minimum: 1).Select(ReadModule).ToArray(),
            root.Optional("bodies").Items().Select(b => new CertificationBody(b.Required("id").Text("?"), b.Required("name").Text())).ToArray());
    }

    private static ProgramModule ReadModule(YamlReader module) =>
        new(module.Required("id").Text("?"),
            module.Required("name").Text(),
            module.Required("exercises").Items(minimum: 1).Select(ReadExercise).ToArray());

    private static Exercise ReadExercise(YamlReader exercise)
    {
        var sessions = exercise.Required("sessions").Integer(1, 10);
        var interval = exercise.Optional("healingIntervalDays");
        if (sessions > 1 && interval.IsMissing)
            exercise.Error("a course of several sessions needs 'healingIntervalDays'");
        var criteria = exercise.Required("passCriteria");
        var scores = criteria.Required("minScores");
        var rates = criteria.Optional("maxFlagRates");
        return new Exercise(
            exercise.Required("id").Text("?"),
            exercise.Required("name").Text(),
            exercise.Optional("description").Text(),
            exercise.Required("skin").Text(),
            sessions,
            interval.IsMissing ? 0 : interval.Integer(1, 365),
            new PassCriteria(
                scores.Required("depth").Number(0, 100),
                scores.Required("spacing").Number(0, 100),
                scores.Required("shade").Number(0, 100),
                ReadFlagRates(rates),
                criteria.Required("minDots").Integer(0, 1_000_000),
                criteria.Required("minMinutes").Number(0, 10_000)),
            exercise.Optional("manualItems").Items().Select(i => i.Text()).ToArray(),
            exercise.Optional("requiresSignOff").Boolean(false));
    }

    private static Dictionary<DotFlags, double> ReadFlagRates(YamlReader rates)
    {
        var result = new Dictionary<DotFlags, double>();
        foreach (var name in rates.Keys)
        {
            var flag = Flag(rates.Optional(name), name);
            var rate = rates.Optional(name).Number(0, 1);
            if (flag != DotFlags.None)
                result[flag] = rate;
        }

        return result;
    }

    private static DotFlags Flag(YamlReader at, string name)
    {
        foreach (var (flag, flagName) in DotFlagNames.All)
        {
            if (flagName == name)
                return flag;
        }

        at.Error($"'{name}' is not a flag; flags: {string.Join(", ", DotFlagNames.All.Select(f => f.Name))}");
        return DotFlags.None;
    }
}
