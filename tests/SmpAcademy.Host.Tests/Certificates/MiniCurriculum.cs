using System.Net;
using System.Net.Http.Json;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Certificates;

/// <summary>
/// The real curriculum plus a one-exercise program, so a test can earn a certificate in seconds
/// instead of the real program's 90 hours. Everything else (rules, scoring, signing) is the real thing.
/// </summary>
internal static class MiniCurriculum
{
    public const string ProgramId = "mini-certificate";

    private const string Program = """
        id: mini-certificate
        name: Mini certificate (tests)
        description: One graded exercise.
        rubric: 1
        requirements:
          practiceHours: 0
          instructorSignOffs: 1
          finalAssessment: mini-exercise
          source: estimate (test program)
        bodies:
          - id: smp-guild
            name: SMP Practitioners' Guild (demo)
          - id: pigment-standards-board
            name: Pigment Standards Board (demo)
        modules:
          - id: mini
            name: Mini
            exercises:
              - id: mini-exercise
                name: A few dots
                skin: flat-practice-pad
                sessions: 1
                requiresSignOff: true
                manualItems: [neatness]
                passCriteria:
                  minScores: { depth: 0, spacing: 0, shade: 0 }
                  minDots: 3
                  minMinutes: 0
        """;

    public static string Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "smp-mini-curriculum-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Curriculum, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(RepoPaths.Curriculum, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(directory, "programs", ProgramId + ".yaml"), Program);
        return directory;
    }

    /// <summary>
    /// What a trainee does to meet every requirement of the mini program: enrol, get ivy assigned (by an admin),
    /// practise the one exercise, have ivy sign it off, and apply to the body (the guild unless named).
    /// </summary>
    /// <param name="signIn">The fixture's sign-in: a client for a user, role and (auditors) body.</param>
    public static async Task EarnAsync(string trainee, Func<string, string, string?, Task<HttpClient>> signIn, string bodyId = "smp-guild")
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var client = await signIn(trainee, "trainee", null);
        await (await client.PostAsJsonAsync($"/api/trainees/{trainee}/enrollment", new { programId = ProgramId })).JsonAsync(HttpStatusCode.NoContent);
        await (await (await signIn("root", "admin", null)).PostAsJsonAsync($"/api/trainees/{trainee}/instructors", new { instructorId = "ivy" })).JsonAsync(HttpStatusCode.NoContent);
        var session = await client.StartSessionAsync(trainee, "mini-exercise");
        await (await client.PostAsJsonAsync($"/api/sessions/{session}/dots/batch", new[] { Api.Dot(20, 20), Api.Dot(22, 20), Api.Dot(24, 20) })).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/sessions/{session}/complete", null)).JsonAsync(HttpStatusCode.NoContent);
        var ivy = await signIn("ivy", "instructor", null);
        await (await ivy.PostAsJsonAsync($"/api/sessions/{session}/grade", new { items = new { neatness = 80 }, verdict = "signed-off" })).JsonAsync(HttpStatusCode.NoContent);
        await (await client.PostAsJsonAsync($"/api/trainees/{trainee}/applications", new { bodyId })).JsonAsync(HttpStatusCode.NoContent);
    }
}
