using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Audit.Xapi;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Programs;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Domain.Trainees;

namespace SmpAcademy.Audit.Bundles;

/// <summary>
/// The files a bundle derives from its events (re-scoring, the report, xAPI statements), each written again from
/// what the verifier established itself and compared byte for byte: invented content in any of them is caught.
/// A file a bundle's format does not know is refused, and so is a session the trainee opened that the bundle leaves out.
/// </summary>
internal static class DerivedFiles
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        BundleLayout.Manifest, BundleLayout.Events, BundleLayout.Streams, BundleLayout.Checkpoints, BundleLayout.PublicKey,
        BundleLayout.Decision, BundleLayout.Rescoring, BundleLayout.Report, BundleLayout.Xapi,
    };

    public static void CheckNames(IEnumerable<string> files, List<string> problems) =>
        problems.AddRange(files.Where(f => !Known.Contains(f) && !f.StartsWith(BundleLayout.CurriculumFolder, StringComparison.Ordinal)
            && !f.StartsWith(BundleLayout.PinnedFolder, StringComparison.Ordinal)).Select(f => $"{f} is not a file an audit bundle holds, so nothing vouches for it"));

    /// <summary>Every session the trainee's own stream says they opened is in the bundle: leaving one out would change the decision unseen.</summary>
    public static void CheckSessionsPresent(string traineeId, IReadOnlyList<RecordedEvent> history, List<string> problems)
    {
        var present = history.Select(e => e.Data).OfType<SessionStarted>().Select(s => s.SessionId).ToHashSet();
        foreach (var opened in history.Select(e => e.Data).OfType<PracticeSessionOpened>().Where(o => o.TraineeId == traineeId && !present.Contains(o.SessionId)))
            problems.Add($"session {opened.SessionId}, which {traineeId} opened (trainee stream), is missing from the bundle");
    }

    public static void Compare(Dictionary<string, byte[]> files, ReportFacts facts, CertificationProgram program, IReadOnlyList<RecordedEvent> history, List<string> problems)
    {
        Same(files, BundleLayout.Rescoring, JsonSerializer.SerializeToUtf8Bytes(facts.Rescoring, BundleWriter.Json), problems);
        Same(files, BundleLayout.Report, Encoding.UTF8.GetBytes(DecisionReport.Html(facts)), problems);
        if (!files.TryGetValue(BundleLayout.Xapi, out var xapi))
            return;
        // The statements name the platform by its home page, which nothing else in the bundle records: recomputed with the one they give.
        var homePage = (JsonNode.Parse(xapi) as JsonArray)?.Select(s => (string?)s?["actor"]?["account"]?["homePage"]).FirstOrDefault(h => h is not null);
        if (homePage is null || !Uri.TryCreate(homePage, UriKind.Absolute, out var home))
        {
            if (xapi.Length > 2 && !Encoding.UTF8.GetString(xapi).Trim().Equals("[]", StringComparison.Ordinal))
                problems.Add($"{BundleLayout.Xapi} names no platform home page, so it cannot be recomputed from the events");
            return;
        }

        // So is the derivation they follow: exports made before derivation 2 name none, and are derived again as they were made.
        var named = (JsonNode.Parse(xapi) as JsonArray)?.Select(s => s?["context"]?["extensions"]?[XapiExport.ExtensionIri(home, XapiExport.Extensions.DerivationName)])
            .FirstOrDefault(d => d is not null);
        var derivation = named is JsonValue value && value.TryGetValue<int>(out var number) ? number : 1;
        if (derivation is < 1 or > XapiExport.Derivation)
        {
            problems.Add($"{BundleLayout.Xapi} follows xAPI derivation {named?.ToJsonString()}, which this verifier does not know");
            return;
        }

        Same(files, BundleLayout.Xapi, Encoding.UTF8.GetBytes(XapiExport.Statements(facts.Decision.TraineeId, program, history, home, derivation).ToJsonString()), problems);
    }

    private static void Same(Dictionary<string, byte[]> files, string name, byte[] recomputed, List<string> problems)
    {
        if (files.TryGetValue(name, out var bundled) && !bundled.AsSpan().SequenceEqual(recomputed))
            problems.Add($"{name} does not follow from the bundled events: written again from them, it differs");
    }
}
