using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmpAcademy.Audit.Witness;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Cli.Commands;

/// <summary>
/// <c>smp audit witness URL --state DIR</c>: pulls the platform's checkpoints, checks each signature and that they extend
/// the ones this witness already holds, keeps them, and exits non-zero on a fork or rollback. Run it on a schedule.
/// </summary>
public static class WitnessCommand
{
    public const int FailureExitCode = 1;

    /// <summary>The platform did not answer: nothing was learnt, nothing kept.</summary>
    public const int UnreachableExitCode = 4;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "the platform's address, e.g. https://platform.example" };
        var state = new Option<string>("--state") { Description = "the folder where this witness keeps the checkpoints it saw", HelpName = "DIR", Required = true };
        var key = CliOptions.Key("the platform's checkpoint key, obtained out of band: needed on the first run, which pins it");
        var witness = new Command("witness", "pull the platform's signed checkpoints, check their signatures and that they extend the ones kept, and keep them (exit 0 consistent, 1 fork, rollback or bad signature, 4 platform unreachable); run it on a schedule")
        {
            url, state, key,
        };
        witness.SetAction((r, _) => RunAsync(r.GetValue(url)!, r.GetValue(state)!, r.GetValue(key)!, r.InvocationConfiguration.Output));
        return witness;
    }

    /// <param name="key">The platform's key in hex, or empty (then the one pinned on the first run).</param>
    /// <param name="http">The client to reach the platform with (tests pass their own); a new one when null.</param>
    public static async Task<int> RunAsync(string url, string state, string key, TextWriter output, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(output);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            throw new UsageException($"'{url}' is not the platform's http(s) address");

        WitnessLog log;
        try
        {
            log = WitnessLog.Open(state);
            log.Pin(key.Length == 0 ? null : key);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new UsageException(e.Message);
        }

        using var owned = http is null ? new HttpClient() : null;
        var client = http ?? owned!;
        var root = new Uri(baseUri, baseUri.AbsolutePath.TrimEnd('/') + "/");
        WitnessResult result;
        try
        {
            var latest = await LatestAsync(client, root);
            result = latest is not null ? await log.AcceptAsync(latest, (from, to) => RunAsync(client, root, from, to))
                : log.Held.Count == 0 ? new WitnessResult(WitnessVerdict.Consistent, "the platform has signed no checkpoint yet; nothing to witness")
                : new WitnessResult(WitnessVerdict.Rollback, $"the platform now says it has no checkpoint, but this witness holds {log.Held.Count}, up to #{log.Held[^1].Id}: checkpoints were deleted");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            output.WriteLine($"UNREACHABLE: {root}: {e.Message}; nothing was kept");
            return UnreachableExitCode;
        }

        output.WriteLine($"{result.Verdict.ToString().ToUpperInvariant()}: {result.Message}");
        if (result.Verdict == WitnessVerdict.Consistent)
            output.WriteLine($"  {log.Held.Count} checkpoint(s) held in {Path.GetFullPath(state)}, {result.Added} new");
        return result.Verdict == WitnessVerdict.Consistent ? 0 : FailureExitCode;
    }

    private static async Task<Checkpoint?> LatestAsync(HttpClient http, Uri root)
    {
        using var answer = await http.GetAsync(new Uri(root, "api/audit/checkpoints/latest"));
        if (answer.StatusCode == HttpStatusCode.NotFound)
            return null;
        answer.EnsureSuccessStatusCode();
        return await answer.Content.ReadFromJsonAsync<Checkpoint>(Json) ?? throw new JsonException("the latest checkpoint is empty");
    }

    private static async Task<IReadOnlyList<Checkpoint>> RunAsync(HttpClient http, Uri root, long from, long to)
    {
        using var answer = await http.GetAsync(new Uri(root, $"api/audit/checkpoints/consistency?from={from}&to={to}"));
        if (answer.StatusCode == HttpStatusCode.NotFound)
            return [];
        answer.EnsureSuccessStatusCode();
        var run = await answer.Content.ReadFromJsonAsync<CheckpointConsistency>(Json);
        return run?.Checkpoints?.Where(c => c is not null).Select(c => c with { Heads = [], Proofs = [] }).ToArray() ?? [];
    }
}
