using SmpAcademy.Audit;
using SmpAcademy.Audit.Bundles;
using SmpAcademy.Audit.Witness;

namespace SmpAcademy.Cli.Commands;

/// <summary><c>smp audit verify BUNDLE</c>: checks an exported audit bundle offline, with no server.</summary>
public static class AuditCommand
{
    /// <summary>Every check holds but some events are under no signed checkpoint: not a failure of the bundle, not a pass either.</summary>
    public const int UnanchoredExitCode = 3;

    public static int Verify(CommandLine args, string bundlePath, TextWriter output)
    {
        if (!File.Exists(bundlePath))
            throw new UsageException($"no bundle at '{bundlePath}'");
        var key = args.Text("key", "");
        if (key.Length > 0 && (key.Length != 64 || !key.All(Uri.IsHexDigit)))
            throw new UsageException("--key is the platform's Ed25519 public key: 64 hex digits, as GET /api/audit/public-key gives it");

        var witness = Witness(args.Text("witness", ""));
        if (witness?.PinnedKey is { } pinned)
        {
            if (key.Length > 0 && !string.Equals(key, pinned, StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"--key {key} is not the key the witness pinned ({pinned})");
            key = pinned;
        }

        using var file = File.OpenRead(bundlePath);
        BundleVerification result;
        try
        {
            result = BundleVerifier.Verify(file, key.Length == 0 ? null : key, line => output.WriteLine($"  {line}"), witness);
        }
        catch (InvalidDataException e)
        {
            output.WriteLine($"{bundlePath}: not a readable bundle ({e.Message})");
            return 1;
        }

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
