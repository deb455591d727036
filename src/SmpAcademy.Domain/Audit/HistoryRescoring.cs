using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Audit;

/// <summary>Re-scores every session of a history, each with the skin and rubric version recorded in it.</summary>
public static class HistoryRescoring
{
    public static IReadOnlyList<RescoreReport> RescoreAll(IReadOnlyList<RecordedEvent> history, IReadOnlyDictionary<string, PracticeSkin> skins, IReadOnlyDictionary<int, Rubric> rubrics)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(skins);
        ArgumentNullException.ThrowIfNull(rubrics);
        var dots = history.Select(e => e.Data).OfType<DotPlaced>().GroupBy(d => d.SessionId).ToDictionary(g => g.Key, g => g.ToList());
        var reports = new List<RescoreReport>();
        foreach (var started in history.Select(e => e.Data).OfType<SessionStarted>())
        {
            var recorded = dots.GetValueOrDefault(started.SessionId) ?? [];
            if (!skins.TryGetValue(started.SkinId, out var skin) || !rubrics.TryGetValue(started.RubricVersion, out var rubric))
            {
                reports.Add(new RescoreReport(started.SessionId, started.RubricVersion, recorded.Count,
                    [new ScoreMismatch(0, $"cannot re-score: skin '{started.SkinId}' or rubric v{started.RubricVersion} is not in the curriculum", 0, 0)]));
                continue;
            }

            var earlier = started.EarlierSessions.SelectMany(s => dots.GetValueOrDefault(s) ?? []).Select(d => d.Placement);
            reports.Add(Rescoring.Rescore(skin, rubric, started, earlier, recorded));
        }

        return reports;
    }
}
