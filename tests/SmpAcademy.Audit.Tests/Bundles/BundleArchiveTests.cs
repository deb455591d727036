using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SmpAcademy.Audit.Bundles;

namespace SmpAcademy.Audit.Tests.Bundles;

/// <summary>A bundle's zip is hostile input: bombs, repeated entries and paths out of the bundle are refused with a reason, quickly and in bounded memory.</summary>
public class BundleArchiveTests
{
    private static byte[] Zip(params (string Name, Action<Stream> Write)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                write(entry);
            }
        }

        return output.ToArray();
    }

    private static Action<Stream> Zeros(long bytes) => stream =>
    {
        var chunk = new byte[1 << 20];
        for (long left = bytes; left > 0; left -= chunk.Length)
            stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
    };

    private static BundleVerification Verify(byte[] zip)
    {
        using var stream = new MemoryStream(zip);
        return BundleVerifier.Verify(stream, null);
    }

    [Test]
    public void A_zip_bomb_is_refused_within_a_second_without_inflating_it()
    {
        var bomb = Zip(("manifest.json", Zeros(1536L << 20))); // 1.5 GiB of zeros in about 1.5 MB
        Assert.That(bomb.Length, Is.LessThan(3 << 20));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var result = Verify(bomb);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(GC.GetTotalAllocatedBytes(precise: true) - before, Is.LessThan(400L << 20), "it stops at the ratio cap, far short of 1.5 GiB");
        Assert.That(result.Problems.Single(), Does.StartWith("not a readable bundle: entry 'manifest.json' inflates to").And.Contains("a zip bomb?"));
    }

    [Test]
    public void An_entry_that_appears_twice_is_refused_rather_than_one_copy_chosen()
    {
        var twice = Zip(("events.jsonl", s => s.Write("{}"u8)), ("events.jsonl", s => s.Write("[]"u8)));
        Assert.That(Verify(twice).Problems.Single(), Is.EqualTo("not a readable bundle: entry 'events.jsonl' appears twice: which copy counts would depend on the reader, so the bundle is refused"));
    }

    [TestCase("../outside.yaml")]
    [TestCase("/etc/passwd")]
    [TestCase("curriculum/../../x.yaml")]
    [TestCase("curriculum\\skins\\x.yaml")]
    [TestCase("C:/x.yaml")]
    public void A_path_out_of_the_bundle_is_refused(string name)
    {
        Assert.That(Verify(Zip((name, s => s.Write("x"u8)))).Problems.Single(), Does.Contain($"entry '{name}' is not a plain relative path"));
    }

    [Test]
    public void Too_many_entries_are_refused_before_any_is_read()
    {
        var many = Zip([.. Enumerable.Range(0, BundleArchive.MaxEntries + 1).Select(i => ($"pinned/{i}.yaml", (Action<Stream>)(_ => { })))]);
        Assert.That(Verify(many).Problems.Single(), Is.EqualTo($"not a readable bundle: the zip has {BundleArchive.MaxEntries + 1} entries; a bundle has at most {BundleArchive.MaxEntries}"));
    }

    [Test]
    public void Not_a_zip_is_a_problem_not_a_crash()
    {
        Assert.That(Verify("not a zip at all"u8.ToArray()).Problems.Single(), Does.StartWith("not a readable bundle:"));
    }

    /// <summary>A bundle whose manifest matches every small file, so the verifier goes on to read <paramref name="events"/>.</summary>
    private static byte[] Consistent(Action<Stream> events)
    {
        var small = new Dictionary<string, byte[]>
        {
            [BundleLayout.Streams] = "[]"u8.ToArray(),
            [BundleLayout.Checkpoints] = "[]"u8.ToArray(),
            [BundleLayout.Decision] = "{}"u8.ToArray(),
        };
        var digests = small.Select(f => $"\"{f.Key}\":\"{Convert.ToHexStringLower(SHA256.HashData(f.Value))}\"").Append($"\"{BundleLayout.Events}\":\"{new string('0', 64)}\"");
        var manifest = $"{{\"format\":\"{AuditFormats.Bundle}\",\"traineeId\":\"t\",\"programId\":\"p\",\"createdAt\":\"2026-12-01T00:00:00Z\",\"events\":0,\"files\":{{{string.Join(',', digests)}}}}}";
        return Zip([(BundleLayout.Manifest, s => s.Write(Encoding.UTF8.GetBytes(manifest))), .. small.Select(f => (f.Key, (Action<Stream>)(s => s.Write(f.Value)))), (BundleLayout.Events, events)]);
    }

    [Test]
    public void An_events_file_that_is_a_zip_bomb_is_refused_as_it_is_read_within_a_second()
    {
        var bomb = Consistent(stream =>
        {
            var newlines = new byte[1 << 20];
            Array.Fill(newlines, (byte)'\n');
            for (var i = 0; i < 1536; i++)
                stream.Write(newlines); // 1.5 GiB of empty lines: every block has a line end, so only the ratio cap can stop it
        });
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var result = Verify(bomb);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(GC.GetTotalAllocatedBytes(precise: true) - before, Is.LessThan(100L << 20), "streamed: a block at a time, never the file");
        Assert.That(result.Problems.Single(), Does.StartWith("not a readable bundle: entry 'events.jsonl' inflates to").And.Contains("a zip bomb?"));
    }

    [Test]
    public void A_line_longer_than_any_event_is_refused_rather_than_buffered()
    {
        var random = new Random(7);
        var line = new byte[BundleEventReader.MaxLineBytes + 1];
        for (var i = 0; i < line.Length; i++)
            line[i] = (byte)"0123456789abcdef"[random.Next(16)]; // compresses about 2:1, well inside the ratio cap

        var result = Verify(Consistent(s => s.Write(line)));

        Assert.That(result.Problems.Single(), Is.EqualTo($"not a readable bundle: events.jsonl line 1 is longer than {BundleEventReader.MaxLineBytes:N0} bytes: not an event, refused"));
    }
}
