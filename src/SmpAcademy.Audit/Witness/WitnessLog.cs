using System.Globalization;
using System.Text;
using System.Text.Json;
using SmpAcademy.Audit.Keys;
using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Audit.Witness;

public enum WitnessVerdict
{
    /// <summary>What the platform shows extends what this witness holds.</summary>
    Consistent,

    /// <summary>The platform's latest checkpoint is older than one this witness holds.</summary>
    Rollback,

    /// <summary>The platform shows a checkpoint that differs from, or does not extend, one this witness holds.</summary>
    Fork,

    /// <summary>A statement is not signed by the pinned key, or does not read as one.</summary>
    Invalid,
}

public sealed record WitnessResult(WitnessVerdict Verdict, string Message, int Added = 0);

/// <summary>
/// A certification body's own record of the platform's checkpoints, kept in a folder on its machine: the platform's
/// key, pinned on the first run, and every checkpoint statement seen since, in order, each extending the one before.
/// The platform cannot change this copy, so a history it rewrites or rolls back after the body saw it shows as a fork.
/// </summary>
public sealed class WitnessLog
{
    public const string KeyFileName = "platform-key.txt";
    public const string LogFileName = "checkpoints.jsonl";

    /// <summary>The most statements the platform gives at a time; a witness far behind reads page by page.</summary>
    public const int PageSize = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly List<Checkpoint> _held;
    private readonly Dictionary<long, Checkpoint> _byId;

    private WitnessLog(string directory, string? key, List<Checkpoint> held)
    {
        Directory = directory;
        PinnedKey = key;
        _held = held;
        _byId = held.ToDictionary(c => c.Id);
    }

    public string Directory { get; }

    /// <summary>The platform key this witness checks signatures with, or null before the first run.</summary>
    public string? PinnedKey { get; private set; }

    public IReadOnlyList<Checkpoint> Held => _held;

    /// <exception cref="InvalidDataException">The folder's record is damaged: a line that does not read, or a run that is not a chain.</exception>
    public static WitnessLog Open(string directory)
    {
        var keyFile = Path.Combine(directory, KeyFileName);
        var key = File.Exists(keyFile) ? File.ReadAllText(keyFile).Trim() : null;
        var held = new List<Checkpoint>();
        var log = Path.Combine(directory, LogFileName);
        var number = 0;
        foreach (var line in File.Exists(log) ? File.ReadLines(log) : [])
        {
            number++;
            var statement = Read(line) ?? throw new InvalidDataException($"{log} line {number} does not read as a checkpoint statement");
            if (held.Count > 0 && Link(held[^1], statement) is { } broken)
                throw new InvalidDataException($"{log} line {number}: {broken}");
            held.Add(statement);
        }

        return new WitnessLog(directory, key, held);
    }

    /// <summary>Pins the platform key on the first run; afterwards a given key must be the pinned one.</summary>
    public string Pin(string? given)
    {
        if (PinnedKey is { } pinned)
        {
            return given is null || string.Equals(given, pinned, StringComparison.OrdinalIgnoreCase)
                ? pinned
                : throw new ArgumentException($"--key {given} is not the key this witness pinned ({pinned}); a new platform key needs a new witness folder");
        }

        PinnedKey = given?.ToLowerInvariant() ?? throw new ArgumentException("the first run of a witness needs --key: the platform's public key, obtained out of band");
        System.IO.Directory.CreateDirectory(Directory);
        WriteWhole(Path.Combine(Directory, KeyFileName), PinnedKey + "\n");
        return PinnedKey;
    }

    /// <summary>
    /// Checks the platform's latest checkpoint against what is held and, if it is newer, the statements in between
    /// (read by <paramref name="run"/>, from..to inclusive), keeping them only if all of them hold.
    /// </summary>
    public async Task<WitnessResult> AcceptAsync(Checkpoint latest, Func<long, long, Task<IReadOnlyList<Checkpoint>>> run)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(run);
        var key = PinnedKey ?? throw new InvalidOperationException("pin the platform key first");
        if (Unsigned(latest, key) is { } invalid)
            return new WitnessResult(WitnessVerdict.Invalid, invalid);
        if (_held.Count == 0)
        {
            Keep([latest]);
            return new WitnessResult(WitnessVerdict.Consistent, $"first checkpoint witnessed: {Describe(latest)}", 1);
        }

        var last = _held[^1];
        if (latest.Id < last.Id)
            return Evidence(WitnessVerdict.Rollback, $"the platform's latest checkpoint is {Describe(latest)}, but this witness already holds {Describe(last)}: checkpoints were rolled back", last, latest);
        if (latest.Id == last.Id)
        {
            return latest.Hash() == last.Hash()
                ? new WitnessResult(WitnessVerdict.Consistent, $"no new checkpoint since {Describe(last)}")
                : Evidence(WitnessVerdict.Fork, $"checkpoint {last.Id} is now {Describe(latest)}, not the {Describe(last)} this witness holds", last, latest);
        }

        var added = new List<Checkpoint>();
        for (var before = last; before.Id < latest.Id;)
        {
            var page = await run(before.Id, Math.Min(latest.Id, before.Id + PageSize - 1));
            if (page.Count < 2 || page[0].Id != before.Id)
                return new WitnessResult(WitnessVerdict.Invalid, $"the platform did not give the checkpoints from {before.Id} on");
            if (page[0].Hash() != before.Hash())
                return Evidence(WitnessVerdict.Fork, $"checkpoint {before.Id} is now {Describe(page[0])}, not the {Describe(before)} this witness holds", before, page[0]);
            foreach (var next in page.Skip(1))
            {
                if (Unsigned(next, key) is { } bad)
                    return new WitnessResult(WitnessVerdict.Invalid, bad);
                if (Link(before, next) is { } broken)
                    return Evidence(WitnessVerdict.Fork, broken, before, next);
                added.Add(next);
                before = next;
            }
        }

        if (added[^1].Hash() != latest.Hash())
            return Evidence(WitnessVerdict.Fork, $"the run ends at {Describe(added[^1])}, not at the latest {Describe(latest)} the platform gave", added[^1], latest);
        Keep(added);
        return new WitnessResult(WitnessVerdict.Consistent, $"checkpoints {last.Id + 1}–{latest.Id} extend {Describe(last)}; the latest is {Describe(latest)}", added.Count);
    }

    /// <summary>Why this witness cannot vouch for a checkpoint a bundle carries, or null when it holds the very same one.</summary>
    public string? Vouch(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Format != 2)
            return $"checkpoint {checkpoint.Id} is of format {checkpoint.Format}, which is not chained, so no witness holds it";
        if (_byId.TryGetValue(checkpoint.Id, out var held))
        {
            return held.Hash() == checkpoint.Hash() ? null
                : $"checkpoint {checkpoint.Id} is not the one this witness saw: it saw {Describe(held)}, the bundle has {Describe(checkpoint)} (history rewritten or rolled back after the witness saw it)";
        }

        return _held.Count == 0 ? $"this witness holds no checkpoint yet, so it cannot vouch for checkpoint {checkpoint.Id}"
            : checkpoint.Id > _held[^1].Id ? $"checkpoint {checkpoint.Id} is newer than any this witness holds (up to {_held[^1].Id}): run smp audit witness, then verify again"
            : $"checkpoint {checkpoint.Id} is older than the first this witness holds ({_held[0].Id}), so it cannot vouch for it";
    }

    private static string? Unsigned(Checkpoint c, string key) =>
        c.Format != 2 ? $"checkpoint {c.Id} is of format {c.Format}; a witness holds only chained (format 2) checkpoints"
        : !Ed25519Check.Verify(key, c.SignedBytes(), c.Signature) ? $"checkpoint {c.Id}'s signature does not verify with the pinned key {key} (forged, or the platform's key changed)"
        : null;

    private static string? Link(Checkpoint before, Checkpoint next) =>
        next.Id != before.Id + 1 ? $"checkpoint {next.Id} follows {before.Id}: numbers are skipped or repeated"
        : next.Previous != before.Hash() ? $"checkpoint {next.Id} does not extend the checkpoint {before.Id} this witness holds (it names a different previous checkpoint)"
        : next.At < before.At ? $"checkpoint {next.Id} is dated before checkpoint {before.Id}"
        : next.TreeSize < before.TreeSize ? $"checkpoint {next.Id}'s tree holds fewer streams ({next.TreeSize}) than checkpoint {before.Id}'s ({before.TreeSize}): streams were dropped"
        : null;

    private static string Describe(Checkpoint c) => string.Create(CultureInfo.InvariantCulture, $"#{c.Id} of {c.At.UtcDateTime:u} (tree {c.TreeSize}, {c.Root[..Math.Min(12, c.Root.Length)]}…)");

    private static Checkpoint? Read(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<Checkpoint>(line, Json) is { Signature: not null, Root: not null, Previous: not null } c ? c with { Heads = [], Proofs = [] } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Keep(IReadOnlyList<Checkpoint> statements)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var lines = new StringBuilder();
        foreach (var s in statements)
            lines.Append(JsonSerializer.Serialize(s with { Heads = [], Proofs = null }, Json)).Append('\n');
        using (var log = new FileStream(Path.Combine(Directory, LogFileName), FileMode.Append, FileAccess.Write))
        {
            log.Write(Encoding.UTF8.GetBytes(lines.ToString()));
            log.Flush(flushToDisk: true);
        }

        foreach (var s in statements)
        {
            _held.Add(s);
            _byId[s.Id] = s;
        }
    }

    /// <summary>A fork or rollback, with both statements kept as evidence: each is signed by the platform's own key.</summary>
    private WitnessResult Evidence(WitnessVerdict verdict, string message, Checkpoint held, Checkpoint shown)
    {
        var file = Path.Combine(Directory, $"evidence-{DateTime.UtcNow:yyyyMMddTHHmmssfffZ}.json");
        WriteWhole(file, JsonSerializer.Serialize(new { verdict = verdict.ToString().ToUpperInvariant(), message, held, shown }, Indented));
        return new WitnessResult(verdict, $"{message}; both signed statements are kept in {file}");
    }

    private static void WriteWhole(string path, string text)
    {
        var next = path + ".tmp";
        File.WriteAllText(next, text);
        File.Move(next, path, overwrite: true);
    }
}
