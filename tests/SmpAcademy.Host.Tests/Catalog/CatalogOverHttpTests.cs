using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Catalog;

/// <summary>What the web consoles read besides sessions: bodies, programs, skins to draw, who is signed in, healed dots.</summary>
public class CatalogOverHttpTests : HostFixture
{
    [Test]
    public async Task Bodies_are_public_and_the_rest_of_the_catalogue_needs_a_sign_in()
    {
        var bodies = await (await Anonymous().GetAsync("/api/bodies")).JsonAsync(HttpStatusCode.OK);
        Assert.That(bodies.AsArray().Select(b => (string)b!["id"]!), Is.EquivalentTo(new[] { "smp-guild", "pigment-standards-board" }));
        await (await Anonymous().GetAsync("/api/programs")).JsonAsync(HttpStatusCode.Unauthorized);
        await (await Anonymous().GetAsync("/api/skins/flat-practice-pad")).JsonAsync(HttpStatusCode.Unauthorized);

        var programs = await (await (await SignInAsync("pam", "trainee")).GetAsync("/api/programs")).JsonAsync(HttpStatusCode.OK);
        var exercise = programs[0]!["modules"]![0]!["exercises"]![0]!;
        Assert.That(((string)exercise["id"]!, (string)exercise["skinId"]!, (double)exercise["minDepthScore"]!), Is.EqualTo(("depth-ladder", "flat-practice-pad", 85.0)));
    }

    [Test]
    public async Task A_skin_comes_with_each_zone_outline_and_the_scorer_s_own_targets_for_the_session()
    {
        var client = await SignInAsync("pam", "trainee");
        var skin = await (await client.GetAsync("/api/skins/norwood-3-hairline?session=2&exercise=soft-hairline")).JsonAsync(HttpStatusCode.OK);
        var catalog = CurriculumLoader.Load(RepoPaths.Curriculum);
        var expected = SessionTargets.For(catalog.Skins["norwood-3-hairline"], catalog.LatestRubric, 2);
        var zones = skin["zones"]!.AsArray();
        Assert.That(zones.Select(z => (string)z!["id"]!), Is.EqualTo(expected.Select(t => t.ZoneId)));
        Assert.That(zones.Select(z => (double)z!["targetGapMm"]!), Is.EqualTo(expected.Select(t => t.TargetGapMm)));
        Assert.That(zones.Select(z => (double)z!["targetShade"]!), Is.EqualTo(expected.Select(t => t.TargetShade)));
        var haired = zones.Single(z => (string)z!["id"]! == "haired-scalp")!;
        Assert.That(((string)haired["shape"]!, (double)haired["hairDensityPerCm2"]!, (string)haired["hairColour"]!), Is.EqualTo(("polygon", 70.0, "light-brown")));
        Assert.That(zones.Single(z => (string)z!["id"]! == "frontal-hairline")!["leadingEdge"]!.AsArray(), Is.Not.Empty);

        // The depth band is where the rubric's depth curve reaches the exercise's pass mark.
        var passMark = catalog.Programs["smp-practitioner"].FindExercise("soft-hairline")!.PassCriteria.MinDepthScore;
        var band = catalog.LatestRubric.Depth.Score.RangeAtLeast(passMark)!.Value;
        Assert.That(((double)skin["depthBand"]!["from"]!, (double)skin["depthBand"]!["to"]!), Is.EqualTo((band.From, band.To)));

        var scars = await (await client.GetAsync("/api/skins/fue-scar-field")).JsonAsync(HttpStatusCode.OK);
        Assert.That(scars["zones"]!.AsArray().Where(z => (string)z!["kind"]! == "scar").Select(z => (string)z!["scarTissue"]!), Is.Not.Empty);
    }

    [Test]
    public async Task Bad_skin_requests_are_refused_with_problems()
    {
        var client = await SignInAsync("pam", "trainee");
        await (await client.GetAsync("/api/skins/no-such-skin")).ProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await client.GetAsync("/api/skins/flat-practice-pad?session=0")).ProblemAsync(HttpStatusCode.BadRequest, "bad-session");
        await (await client.GetAsync("/api/skins/flat-practice-pad?rubric=99")).ProblemAsync(HttpStatusCode.BadRequest, "unknown-rubric");
        await (await client.GetAsync("/api/skins/flat-practice-pad?exercise=juggling")).ProblemAsync(HttpStatusCode.BadRequest, "unknown-exercise");
    }

    [Test]
    public async Task Me_says_who_is_signed_in_and_gives_instructors_their_trainees()
    {
        await (await SignInAsync("meg", "trainee")).EnrollAsync("meg");
        var admin = await SignInAsync("root", "admin");
        await (await admin.PostAsJsonAsync("/api/trainees/meg/instructors", new { instructorId = "ida" })).JsonAsync(HttpStatusCode.NoContent);
        var ida = await (await (await SignInAsync("ida", "instructor")).GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string)ida["userId"]!, (string)ida["role"]!), Is.EqualTo(("ida", "instructor")));
        Assert.That(ida["trainees"]!.AsArray().Select(t => (string)t!), Is.EqualTo(new[] { "meg" }));
        var auditor = await (await (await SignInAsync("aud", "auditor", "smp-guild")).GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string)auditor["body"]!, auditor["trainees"]!.AsArray().Count), Is.EqualTo(("smp-guild", 0)));
        await (await Anonymous().GetAsync("/api/me")).JsonAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_healed_view_fades_shallow_dots_and_blurs_deep_ones_for_those_who_may_read_the_session()
    {
        var nat = await SignInAsync("nat", "trainee");
        await nat.EnrollAsync("nat");
        var session = await nat.StartSessionAsync("nat");
        await (await nat.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", new[] { Api.Dot(20, 20, depth: 0.5), Api.Dot(40, 40, depth: 1.3), Api.Dot(60, 60, depth: 0.05) })).JsonAsync(HttpStatusCode.OK);

        var healed = (await (await nat.GetAsync($"/api/sessions/{session}/healed")).JsonAsync(HttpStatusCode.OK))["dots"]!.AsArray();
        Assert.That(healed.Select(d => ((bool)d!["visible"]!, (bool)d!["blurred"]!)), Is.EqualTo(new[] { (true, false), (true, true), (false, false) }));
        Assert.That((double)healed[1]!["diameterMm"]!, Is.GreaterThan((double)healed[0]!["diameterMm"]!), "deep dots spread");

        await (await (await SignInAsync("sam", "trainee")).GetAsync($"/api/sessions/{session}/healed")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await nat.GetAsync($"/api/sessions/{Guid.NewGuid()}/healed")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
