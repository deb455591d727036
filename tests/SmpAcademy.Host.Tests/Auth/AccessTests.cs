using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SmpAcademy.Host.Tests.Auth;

public class AccessTests : HostFixture
{
    private string _adaSession = "";

    [OneTimeSetUp]
    public async Task AdaPractises()
    {
        var ada = await SignInAsync("ada", "trainee");
        await ada.EnrollAsync("ada");
        _adaSession = await ada.StartSessionAsync("ada");
        await (await ada.PostAsJsonAsync($"/api/sessions/{_adaSession}/dots", Api.Dot(5, 5))).JsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task Without_a_valid_token_nothing_is_served()
    {
        await (await Anonymous().GetAsync($"/api/sessions/{_adaSession}")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Anonymous().PostAsJsonAsync($"/api/sessions/{_adaSession}/dots", Api.Dot(6, 6))).ProblemAsync(HttpStatusCode.Unauthorized);

        var forged = Anonymous();
        var header = Convert.ToBase64String("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray()).TrimEnd('=');
        var claims = Convert.ToBase64String("{\"sub\":\"ada\",\"role\":\"admin\",\"iss\":\"smpacademy-dev\",\"aud\":\"smpacademy\"}"u8.ToArray()).TrimEnd('=');
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{header}.{claims}.c2lnbmF0dXJl");
        await (await forged.GetAsync($"/api/sessions/{_adaSession}")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Another_trainee_can_neither_read_nor_write_a_trainees_session_or_record()
    {
        var bob = await SignInAsync("bob", "trainee");
        await (await bob.GetAsync($"/api/sessions/{_adaSession}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.PostAsJsonAsync($"/api/sessions/{_adaSession}/dots", Api.Dot(6, 6))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.PostAsync($"/api/sessions/{_adaSession}/complete", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.GetAsync("/api/trainees/ada")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.GetAsync("/api/trainees/ada/progress")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.PostAsJsonAsync("/api/trainees/ada/sessions", new { exerciseId = "random-fill" })).ProblemAsync(HttpStatusCode.Forbidden);

        var ada = await SignInAsync("ada", "trainee");
        var view = await (await ada.GetAsync($"/api/sessions/{_adaSession}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)view["dotCount"]!, Is.EqualTo(1), "bob's attempts changed nothing");
    }

    [Test]
    public async Task An_instructor_reads_only_assigned_trainees_and_never_writes_their_sessions()
    {
        var ivy = await SignInAsync("ivy", "instructor");
        await (await ivy.GetAsync($"/api/sessions/{_adaSession}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await ivy.PostAsJsonAsync("/api/trainees/ada/instructors", new { instructorId = "ivy" })).ProblemAsync(HttpStatusCode.Forbidden);

        var admin = await SignInAsync("root", "admin");
        await (await admin.PostAsJsonAsync("/api/trainees/ada/instructors", new { instructorId = "ivy" })).JsonAsync(HttpStatusCode.NoContent);

        // Nobody enrolled as "nobody-such": the assignment is refused, not recorded as if it were done.
        Assert.That(await (await admin.PostAsJsonAsync("/api/trainees/nobody-such/instructors", new { instructorId = "ivna" })).ProblemAsync(HttpStatusCode.NotFound, "unknown-trainee"),
            Does.Contain("nobody by that id has enrolled"));
        var nobody = await (await admin.GetAsync("/api/trainees/nobody-such")).JsonAsync(HttpStatusCode.OK);
        Assert.That(nobody["instructors"]!.AsArray(), Is.Empty, "nothing was recorded");

        await (await ivy.GetAsync($"/api/sessions/{_adaSession}")).JsonAsync(HttpStatusCode.OK);
        await (await ivy.GetAsync("/api/trainees/ada")).JsonAsync(HttpStatusCode.OK);
        await (await ivy.PostAsJsonAsync($"/api/sessions/{_adaSession}/dots", Api.Dot(7, 7))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_auditor_cannot_write_anything()
    {
        var aud = await SignInAsync("aud", "auditor", "smp-guild");
        await (await aud.PostAsJsonAsync($"/api/sessions/{_adaSession}/dots", Api.Dot(8, 8))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await aud.PostAsJsonAsync("/api/trainees/ada/enrollment", new { programId = "smp-practitioner" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await aud.PostAsync($"/api/sessions/{_adaSession}/pause", null)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_development_issuer_refuses_unknown_roles() =>
        await (await Anonymous().PostAsJsonAsync("/api/dev/tokens", new { userId = "x", role = "wizard" })).ProblemAsync(HttpStatusCode.BadRequest);

    [Test]
    public async Task Auditors_belong_to_exactly_one_known_body_and_nobody_else_does()
    {
        Assert.That(await (await Anonymous().PostAsJsonAsync("/api/dev/tokens", new { userId = "x", role = "auditor" })).ProblemAsync(HttpStatusCode.BadRequest), Does.Contain("smp-guild"));
        await (await Anonymous().PostAsJsonAsync("/api/dev/tokens", new { userId = "x", role = "auditor", body = "made-up" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Anonymous().PostAsJsonAsync("/api/dev/tokens", new { userId = "x", role = "trainee", body = "smp-guild" })).ProblemAsync(HttpStatusCode.BadRequest);
        var ok = await (await Anonymous().PostAsJsonAsync("/api/dev/tokens", new { userId = "x", role = "auditor", body = "smp-guild" })).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)ok["body"]!, Is.EqualTo("smp-guild"));
    }
}
