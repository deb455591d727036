using System.CommandLine;
using SmpAcademy.Audit;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Audit.Witness;

namespace SmpAcademy.Cli.Commands;

/// <summary><c>smp audit verify BUNDLE</c>: checks an exported audit bundle offline, with no server.</summary>
public static class AuditCommand
{
    /// <summary>Every check holds but some events are under no signed checkpoint: not a failure of the bundle, not a pass either.</summary>
    public const int UnanchoredExitCode = 3;

    /// <summary><c>smp audit</c>: <c>verify</c> a bundle offline, and <c>witness</c> the platform's checkpoints.</summary>
    public static Command Create()
    {
        var bundle = new Argument<string>("BUNDLE") { Description = "the audit bundle (.zip) an auditor exported" };
        var key = CliOptions.Key("the platform's checkpoint key, obtained out of band (GET /api/audit/public-key); without it, the bundle's own key is used and noted");
        var witness = CliOptions.Text("--witness", "a witness folder (smp audit witness): the bundle's checkpoint must be one it saw; its pinned key is used", "DIR");
        var verify = new Command("verify", "check an audit bundle offline: files, hash chains, signed checkpoints, re-scoring and the certification decision (exit 0 verified, 1 not verified, 3 unanchored)")
        {
            bundle, key, witness,
        };
        verify.SetAction(r => Verify(r.GetValue(bundle)!, r.GetValue(key)!, r.GetValue(witness)!, r.InvocationConfiguration.Output));
        return new Command("audit", "audit bundles and checkpoints, with no account") { verify, WitnessCommand.Create() };
    }

    /// <param name="key">The trusted key in hex, or empty.</param>
    /// <param name="witnessDirectory">A witness folder, or empty.</param>
    public static int Verify(string bundlePath, string key, string witnessDirectory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!File.Exists(bundlePath))
            throw new UsageException($"no bundle at '{bundlePath}'");
        var witness = Witness(witnessDirectory);
        if (witness?.PinnedKey is { } pinned)
        {
            if (key.Length > 0 && !string.Equals(key, pinned, StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"--key {key} is not the key the witness pinned ({pinned})");
            key = pinned;
        }

        using var file = File.OpenRead(bundlePath);
        // An unreadable zip is one of the verifier's problems ("not a readable bundle: …"), not an exception.
        var result = BundleVerifier.Verify(file, key.Length == 0 ? null : key, line => output.WriteLine($"  {line}"), witness);

        foreach (var note in result.Notes)
            output.WriteLine($"  note: {note}");
        foreach (var problem in result.Problems)
            output.WriteLine($"  FAIL: {problem}");
        output.WriteLine(result.Verdict switch
        {
            AuditVerdict.Verified => $"VERIFIED: {result.TraineeId}, {result.Events} events in {result.Streams} streams, every one under a signed checkpoint{(witness is null ? "" : " this witness saw")}",
            AuditVerdict.Unanchored => $"UNANCHORED: every check holds, but {result.Unanchored} of {result.Events} events are signed by no checkpoint, so they could have been rewritten unseen",
            _ => $"NOT VERIFIED: {result.Problems.Count} problem(s) in the bundle of {result.TraineeId}",
        });
        return result.Problems.Count > 0 ? 1 : result.Unanchored > 0 ? UnanchoredExitCode : 0;
    }

    private static WitnessLog? Witness(string directory)
    {
        if (directory.Length == 0)
            return null;
        if (!Directory.Exists(directory))
            throw new UsageException($"no witness folder at '{directory}': run smp audit witness URL --state {directory} first");
        try
        {
            return WitnessLog.Open(directory);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"the witness folder is damaged: {e.Message}");
        }
    }
}
