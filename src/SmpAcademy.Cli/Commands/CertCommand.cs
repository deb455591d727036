using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Cli.Commands;

/// <summary>
/// <c>smp cert verify FILE</c> (and <c>smp cert example</c>, <see cref="CertExample"/>): checks a certificate's signature, shape and validity period offline, then
/// its revocation bit in the issuing body's signed status list (fetched from the URL in the certificate,
/// or read from --status-list FILE). An unknown revocation status is a failure, not a pass.
/// </summary>
public static class CertCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "the certificate (a JSON verifiable credential)" };
        var issuer = CliOptions.Text("--issuer", "the issuer's DID to require (the platform's, from its DID document)", "DID");
        var statusList = CliOptions.Text("--status-list", "the issuer's status list as a file, to check revocation offline", "FILE");
        var verify = new Command("verify", "check a certificate: signature, issuer, validity and revocation (the status list is fetched from the URL in the certificate unless given as a file)")
        {
            file, issuer, statusList,
        };
        verify.SetAction((r, _) => VerifyAsync(r.GetValue(file)!, r.GetValue(issuer)!, r.GetValue(statusList)!, r.InvocationConfiguration.Output));

        var outDirectory = new Option<string>("--out") { Description = "the folder to write them to", HelpName = "DIR", Required = true };
        var publicUrl = CliOptions.Text("--public-url", "the platform address the samples name (issuer pages, status list)", "URL", "https://academy.example");
        var curriculum = CliOptions.Curriculum();
        var example = new Command("example", "write a sample certificate, a revoked one and their status list, signed by the real issuing code with a throwaway key (for verifier builders)")
        {
            outDirectory, publicUrl, curriculum,
        };
        example.SetAction(r => CertExample.Write(r.GetValue(outDirectory)!, r.CurriculumDirectory(curriculum), r.GetValue(publicUrl)!, r.InvocationConfiguration.Output));
        return new Command("cert", "verifiable certificates") { verify, example };
    }

    public static async Task<int> VerifyAsync(string path, string issuer, string statusListFile, TextWriter output)
    {
        var credential = ReadJson(path);
        var now = DateTimeOffset.UtcNow;
        var check = CredentialVerifier.Verify(credential, now, issuer.Length == 0 ? null : [issuer]);
        var problems = check.Problems.ToList();
        if (issuer.Length == 0 && check.IssuerDid is not null)
            output.WriteLine($"  note: issuer {check.IssuerDid} was not pinned; pass --issuer DID to require the platform's issuer");

        if (OpenBadge.RevocationEntry(credential) is not { } entry)
        {
            problems.Add("it has no revocation status entry, so whether it was revoked cannot be checked");
        }
        else if (await LoadStatusListAsync(statusListFile, entry.ListCredentialUrl, output) is not { } list)
        {
            problems.Add($"revocation status unknown: the status list at {entry.ListCredentialUrl} could not be read; pass --status-list FILE to check offline");
        }
        else
        {
            var listCheck = CredentialVerifier.VerifyStatusList(list, now, check.IssuerDid is null ? null : [check.IssuerDid]);
            problems.AddRange(listCheck.Problems.Select(p => $"status list: {p}"));
            // A list signed by the same key as the certificate is still not this certificate's list unless it is the one it names.
            if (listCheck.CredentialId != entry.ListCredentialUrl)
                problems.Add($"status list: it is the list {listCheck.CredentialId ?? "(no id)"}, not this certificate's {entry.ListCredentialUrl}");
            else if (listCheck.Valid)
                output.WriteLine($"  status list {entry.ListCredentialUrl}: valid until {list["validUntil"]}");
            switch (StatusList.IsRevoked(list, entry.Index))
            {
                case true:
                    problems.Add($"revoked: bit {entry.Index} is set in the issuer's status list");
                    break;
                case null:
                    problems.Add($"status list: no readable bit {entry.Index}");
                    break;
            }
        }

        foreach (var problem in problems)
            output.WriteLine($"  FAIL: {problem}");
        var summary = OpenBadge.Read(credential);
        output.WriteLine(problems.Count == 0
            ? $"VALID: {summary.AchievementName} awarded to {summary.SubjectName ?? summary.SubjectId} by {(summary.IssuerName is { } name ? $"{name} ({check.IssuerDid})" : check.IssuerDid)}, from {summary.ValidFrom:yyyy-MM-dd}"
            : $"NOT VALID: {problems.Count} problem(s) with {check.CredentialId ?? path}");
        return problems.Count == 0 ? 0 : 1;
    }

    private static JsonObject ReadJson(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"no file at '{path}'");
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new UsageException($"{path} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not JSON: {e.Message}");
        }
    }

    private static async Task<JsonObject?> LoadStatusListAsync(string file, string url, TextWriter output)
    {
        if (file.Length > 0)
            return ReadJson(file);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            output.WriteLine($"  fetching the status list from {url}");
            return JsonNode.Parse(await http.GetStringAsync(new Uri(url))) as JsonObject;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or UriFormatException)
        {
            output.WriteLine($"  could not fetch {url}: {e.Message}");
            return null;
        }
    }
}
