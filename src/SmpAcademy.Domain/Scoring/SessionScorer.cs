using System.Diagnostics.CodeAnalysis;
using SmpAcademy.Domain.Geometry;
using SmpAcademy.Domain.Healing;
using SmpAcademy.Domain.Rubrics;
using SmpAcademy.Domain.Skins;

namespace SmpAcademy.Domain.Scoring;

/// <summary>
/// Scores the dots of one practice session as they are placed. Holds the session's spatial index,
/// so it is stateful; the score of a dot is a pure function of the rubric, the skin, the session
/// number and the dots before it, in order. Same inputs, same bits: only + − × ÷ and √ are used.
/// </summary>
public sealed class SessionScorer
{
    private readonly PracticeSkin _skin;
    private readonly Rubric _rubric;
    private readonly ZonePlan[] _plans;
    private readonly double _darkerWeight;
    private readonly DotGrid _grid;

    public SessionScorer(PracticeSkin skin, Rubric rubric, int sessionNumber)
    {
        ArgumentNullException.ThrowIfNull(skin);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionNumber, 1);
        _skin = skin;
        _rubric = rubric;
        SessionNumber = sessionNumber;
        _plans = skin.Zones.Select(z => ZonePlan.For(z, skin, rubric, sessionNumber)).ToArray();
        _darkerWeight = rubric.Shade.DarkerWeight[skin.Fitzpatrick];
        _grid = new DotGrid(skin.WidthMm, skin.HeightMm, _plans.Min(p => p.WindowHalfMm));
    }

    public int SessionNumber { get; }

    public int RubricVersion => _rubric.Version;

    public int Count => _grid.Count;

    /// <summary>Why the dot would be refused, or null when it is acceptable. Changes nothing.</summary>
    public Refusal? Check(in DotPlacement dot) => Validate(dot, out _, out _);

    public bool TryPlace(in DotPlacement dot, [NotNullWhen(true)] out DotScore? score, [NotNullWhen(false)] out Refusal? rejection)
    {
        rejection = Validate(dot, out var zoneIndex, out var needle);
        score = rejection is null ? Score(dot, _plans[zoneIndex], needle!) : null;
        return rejection is null;
    }

    /// <summary>
    /// Records a healed dot from an earlier session of the same treatment course (same skin instance),
    /// so spacing and pattern are judged against everything on the skin. Not scored again.
    /// </summary>
    public void AddEarlierSessionDot(in DotPlacement dot)
    {
        if (Validate(dot, out var zoneIndex, out var needle) is { } rejection)
            throw new RefusedException(rejection);
        var healedRadius = HealingModel.HealedDiameterMm(dot.DepthMm, needle!, _rubric.Healing) / 2;
        _grid.Insert(dot.X, dot.Y, healedRadius, _plans[zoneIndex].WindowHalfMm);
    }

    /// <summary>Scores and records the dot; throws <see cref="RefusedException"/> for a bad one.</summary>
    public DotScore Place(in DotPlacement dot) =>
        TryPlace(dot, out var score, out var rejection) ? score : throw new RefusedException(rejection);

    private Refusal? Validate(in DotPlacement dot, out int zoneIndex, out Needle? needle)
    {
        zoneIndex = -1;
        needle = null;
        if (!double.IsFinite(dot.X)) return DotRefusals.NotFinite("x");
        if (!double.IsFinite(dot.Y)) return DotRefusals.NotFinite("y");
        if (!double.IsFinite(dot.DepthMm)) return DotRefusals.NotFinite("depth");
        if (!double.IsFinite(dot.Shade)) return DotRefusals.NotFinite("shade");
        if (!_skin.Contains(new Point(dot.X, dot.Y)))
            return DotRefusals.OutsideSkin(dot.X, dot.Y, _skin.WidthMm, _skin.HeightMm);
        if (dot.DepthMm < 0) return DotRefusals.NegativeDepth(dot.DepthMm);
        if (dot.Shade is < 0 or > 1) return DotRefusals.ShadeOutOfRange(dot.Shade);
        if (dot.Needle is null || !_rubric.Needles.TryGetValue(dot.Needle, out needle))
            return DotRefusals.UnknownNeedle(dot.Needle, _rubric.Needles.Keys);
        zoneIndex = _skin.ZoneIndexAt(new Point(dot.X, dot.Y));
        var zone = _skin.Zones[zoneIndex];
        return dot.DepthMm > zone.TotalThicknessMm ? DotRefusals.TooDeep(dot.DepthMm, zone.TotalThicknessMm, zone.Id) : null;
    }

    private DotScore Score(in DotPlacement dot, ZonePlan plan, Needle needle)
    {
        var flags = needle.SuitedZones.Contains(plan.Zone.Kind) ? DotFlags.None : DotFlags.WrongNeedle;

        var depth = ScoreDepth(dot, plan.Zone, needle, ref flags);
        var healedRadius = HealingModel.HealedDiameterMm(dot.DepthMm, needle, _rubric.Healing) / 2;
        var survey = _grid.Insert(dot.X, dot.Y, healedRadius, plan.WindowHalfMm);
        var (spacing, patternIndex) = ScoreSpacing(dot, survey, plan, ref flags);
        var shade = ScoreShade(dot, plan, ref flags);
        return new DotScore(plan.Zone.Id, depth, spacing, shade, flags, survey.NearestMm, patternIndex);
    }

    private double ScoreDepth(in DotPlacement dot, Zone zone, Needle needle, ref DotFlags flags)
    {
        var rules = _rubric.Depth;
        if (dot.DepthMm < rules.FadeRiskBelowMm || dot.DepthMm <= zone.EpidermisMm)
            flags |= DotFlags.FadeRisk;
        var freshDiameter = needle.FreshDotDiameterMm * rules.FreshSpreadByDepth.At(dot.DepthMm);
        if (dot.DepthMm > rules.BlowoutRiskAboveMm || freshDiameter > rules.BlowoutFreshDiameterMm)
            flags |= DotFlags.BlowoutRisk;
        return rules.Score.At(dot.DepthMm);
    }

    private (double Score, double? PatternIndex) ScoreSpacing(in DotPlacement dot, in Survey survey, ZonePlan plan, ref DotFlags flags)
    {
        var rules = _rubric.Spacing;
        if (survey.Merges)
            flags |= DotFlags.Merge;
        var score = survey.NearestMm is { } nearest
            ? nearest < rules.TooCloseMm ? 0 : rules.GapRatioScore.At(nearest / plan.TargetGapMm)
            : rules.GapRatioScore.MaxY;

        var pattern = _rubric.Pattern;
        if (ClarkEvans.Index(survey, dot.X, dot.Y, plan.WindowHalfMm, _skin.WidthMm, _skin.HeightMm, pattern) is not { } index)
            return (score, null);
        if (index > pattern.GridAbove)
            flags |= DotFlags.GridPattern;
        if (index < pattern.ClumpingBelow)
            flags |= DotFlags.Clumping;
        return (Math.Min(score, pattern.Score.At(index)), index);
    }

    private double ScoreShade(in DotPlacement dot, ZonePlan plan, ref DotFlags flags)
    {
        var rules = _rubric.Shade;
        var dilution = plan.BaseDilution;
        if (plan.LeadingEdge is { } edge)
        {
            // A soft hairline: lighter towards its leading edge, fading to the zone's shade behind it.
            var behindEdge = Segments.DistanceToPolyline(new Point(dot.X, dot.Y), edge);
            dilution += rules.HairlineLighterBy * Math.Max(0, 1 - (behindEdge / rules.HairlineFadeMm));
        }

        var target = Math.Clamp(rules.ShadeOfDilution(dilution), 0, 1);
        var deviation = dot.Shade - target;
        if (deviation > 0)
            deviation *= _darkerWeight;
        deviation = Math.Abs(deviation);
        if (deviation > rules.OffShadeAbove)
            flags |= DotFlags.OffShade;
        return rules.DeviationScore.At(deviation);
    }
}
