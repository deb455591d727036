using System.Globalization;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Programs;

public static class PassEvaluation
{
    /// <summary>The pass criteria the summary does not meet, in words; empty when it passes.</summary>
    public static IReadOnlyList<string> Unmet(PassCriteria criteria, SessionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(summary);
        var unmet = new List<string>();
        void Check(bool ok, FormattableString why)
        {
            if (!ok)
                unmet.Add(why.ToString(CultureInfo.InvariantCulture));
        }

        Check(summary.Dots >= criteria.MinDots, $"{summary.Dots} dots, needs {criteria.MinDots}");
        Check(summary.ActiveDuration.TotalMinutes >= criteria.MinMinutes, $"{summary.ActiveDuration.TotalMinutes:0.#} minutes of practice, needs {criteria.MinMinutes}");
        Check(summary.MeanDepthScore >= criteria.MinDepthScore, $"depth {summary.MeanDepthScore:0.#}, needs {criteria.MinDepthScore}");
        Check(summary.MeanSpacingScore >= criteria.MinSpacingScore, $"spacing {summary.MeanSpacingScore:0.#}, needs {criteria.MinSpacingScore}");
        Check(summary.MeanShadeScore >= criteria.MinShadeScore, $"shade {summary.MeanShadeScore:0.#}, needs {criteria.MinShadeScore}");
        foreach (var (flag, maximum) in criteria.MaxFlagRates.OrderBy(f => f.Key))
            Check(summary.FlagRate(flag) <= maximum, $"{flag.Names()[0]} on {summary.FlagRate(flag):P1} of dots, at most {maximum:P1}");
        return unmet;
    }
}
