using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Audit;

/// <summary>Re-scores every session of a history, each with the skin and rubric files recorded in it.</summary>
public static class HistoryRescoring
{
    public static IReadOnlyList<RescoreReport> RescoreAll(IReadOnlyList<RecordedEvent> history, ICurriculumFiles curriculum)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(curriculum);
        var dots = history.Select(e => e.Data).OfType<DotPlaced>().GroupBy(d => d.SessionId).ToDictionary(g => g.Key, g => g.ToList());
        var reports = new List<RescoreReport>();
        foreach (var started in history.Select(e => e.Data).OfType<SessionStarted>())
        {
            var recorded = dots.GetValueOrDefault(started.SessionId) ?? [];
            var (skin, rubric) = (curriculum.Skin(started.SkinId, started.SkinDigest), curriculum.Rubric(started.RubricVersion, started.RubricDigest));
            if (skin is null || rubric is null)
            {
                var missing = skin is null ? $"skin {CurriculumFilesExtensions.Describe(started.SkinId, started.SkinDigest)}"
                    : $"rubric {CurriculumFilesExtensions.Describe($"v{started.RubricVersion}", started.RubricDigest)}";
                reports.Add(new RescoreReport(started.SessionId, started.RubricVersion, recorded.Count,
                    [new ScoreMismatch(0, $"cannot re-score: {missing} is not in the curriculum", 0, 0)]));
                continue;
            }

            var earlier = started.EarlierSessions.SelectMany(s => dots.GetValueOrDefault(s) ?? []).Select(d => d.Placement);
            reports.Add(Rescoring.Rescore(skin, rubric, started, earlier, recorded));
        }

        return reports;
    }
}
