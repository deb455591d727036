using System.Globalization;
using System.Net;
using System.Text;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Domain.Certification;

namespace SmpAcademy.Audit.Bundles;

/// <summary>Everything the report says, each a fact the verifier establishes itself, so it can write the report again and compare.</summary>
public sealed record ReportFacts(CertificationDecision Decision, long Events, int Streams, DateTimeOffset CreatedAt, string PublicKeyHex,
    IReadOnlyList<RescoreReport> Rescoring, int Checkpoints)
{
    public static ReportFacts Of(BundleContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return new(contents.Decision, contents.Events.Count, contents.Streams.Count, contents.CreatedAt, contents.PublicKeyHex, contents.Rescoring, contents.Checkpoints.Count);
    }
}

/// <summary>The certification decision as a page a person can read: each requirement, met or not, with its evidence.</summary>
public static class DecisionReport
{
    public static string Html(ReportFacts contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var decision = contents.Decision;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Certification decision: {E(decision.TraineeId)}</title>
            <style>{Style}</style></head>
            <body><h1>Certification decision</h1>
            <p>Trainee <strong>{E(decision.TraineeId)}</strong>, program <strong>{E(decision.ProgramId)}</strong>:
            <strong class="{(decision.Certified ? "met" : "unmet")}">{(decision.Certified ? "meets every requirement" : "does not meet every requirement")}</strong>.</p>
            <p>Computed from {contents.Events} events in {contents.Streams} streams, exported {contents.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.
            Check the bundle with <code>smp audit verify BUNDLE --key {E(contents.PublicKeyHex)}</code>.</p>
            <table><tr><th>Requirement</th><th>Met</th><th>Detail</th><th>Evidence (event ids)</th></tr>
            """);
        foreach (var r in decision.Requirements)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(r.Requirement)}</td><td class=\"{(r.Met ? "met" : "unmet")}\">{(r.Met ? "yes" : "no")}</td><td>{E(r.Detail)}</td><td><code>{string.Join("<br>", r.Evidence.Select(id => id.ToString()))}</code></td></tr>\n");
        }

        var mismatched = contents.Rescoring.Where(r => !r.Identical).ToArray();
        html.Append(CultureInfo.InvariantCulture, $"""
            </table>
            <h2>Re-scoring</h2>
            <p>{contents.Rescoring.Count} session(s), {contents.Rescoring.Sum(r => r.Dots)} dots re-scored with the rubric version recorded in each:
            {(mismatched.Length == 0 ? "every score reproduced bit for bit." : $"{mismatched.Length} session(s) differ; see rescoring.json.")}</p>
            <h2>Signed checkpoints</h2>
            <p>{contents.Checkpoints} checkpoint(s) cover these streams, signed with Ed25519 key <code>{E(contents.PublicKeyHex)}</code>.</p>
            </body></html>
            """);
        return html.ToString();
    }

    private const string Style = "body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%}"
        + "td,th{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}.met{color:#176f2c}.unmet{color:#a31515}code{font-size:.8rem}";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
