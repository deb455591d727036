using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmpAcademy.Domain.Audit;
using SmpAcademy.Testing;

namespace SmpAcademy.Domain.Tests.Audit;

/// <summary>
/// Our RFC 8785 against the reference npm implementation (<c>canonicalize</c>, by one of the RFC's authors, pinned in
/// tests/interop): thousands of generated documents (doubles of every magnitude, −0, integers past 2^53, keys and text
/// across the BMP and the astral planes, control characters, nesting) must canonicalize to the same bytes, both from
/// text (how the hash chain reads stored events) and from parsed nodes (how credentials are signed).
/// </summary>
public sealed class JcsDifferentialTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Test]
    public async Task Generated_documents_canonicalize_as_the_reference_implementation_does()
    {
        var random = new Random(8785);
        var documents = Enumerable.Range(0, 3000).Select(_ => Document(random, 0)?.ToJsonString(Relaxed) ?? "null").ToArray();

        var reference = await ReferenceAsync(documents);

        Assert.That(reference, Has.Length.EqualTo(documents.Length));
        for (var i = 0; i < documents.Length; i++)
        {
            var text = Encoding.UTF8.GetString(Jcs.Canonicalize(Encoding.UTF8.GetBytes(documents[i])));
            Assert.That(text, Is.EqualTo(reference[i]), $"document {i}: {documents[i]}");
            Assert.That(Encoding.UTF8.GetString(Jcs.Canonicalize(JsonNode.Parse(documents[i]))), Is.EqualTo(reference[i]), $"document {i} as nodes");
        }
    }

    private static JsonNode? Document(Random random, int depth)
    {
        var kind = depth >= 3 ? random.Next(3) : random.Next(6);
        switch (kind)
        {
            case 0:
                return JsonValue.Create(Number(random));
            case 1:
                return JsonValue.Create(Text(random));
            case 2:
                return random.Next(3) switch { 0 => null, 1 => JsonValue.Create(true), _ => JsonValue.Create(false) };
            case 3:
                var array = new JsonArray();
                for (var i = random.Next(5); i > 0; i--)
                    array.Add(Document(random, depth + 1));
                return array;
            default:
                var obj = new JsonObject();
                for (var i = random.Next(7); i > 0; i--)
                    obj[Text(random)] = Document(random, depth + 1);
                return obj;
        }
    }

    /// <summary>Doubles the way stored events hold them, and the awkward ones: every magnitude, −0, exponents' edges, big integers.</summary>
    private static double Number(Random random) => random.Next(8) switch
    {
        0 => random.Next(-1000, 1000),
        1 => Math.Round(random.NextDouble() * 100, random.Next(6)),
        2 => BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 1.5,
        3 => double.Parse($"{random.Next(1, 10)}e{random.Next(-12, 25)}", CultureInfo.InvariantCulture),
        4 => -0.0,
        5 => random.NextInt64(1L << 53, long.MaxValue),
        6 => random.NextDouble() * Math.Pow(10, random.Next(-8, 8)) * (random.Next(2) == 0 ? -1 : 1),
        _ => 0.1 * random.Next(1, 100),
    };

    private static readonly string[] Pieces = ["a", "Z", "é", "ß", "—", "✓", "€", "\u0080", "\u007f", "\u2028", "\ufb33", "😂", "𝄞", "\n", "\t", "\u0001", "\u001f", "\"", "\\", "/", " ", "10", "peach", "péché"];

    private static string Text(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(4); i > 0; i--)
            text.Append(Pieces[random.Next(Pieces.Length)]);
        return text.ToString();
    }

    private static async Task<string[]> ReferenceAsync(IEnumerable<string> documents)
    {
        Interop.Require("canonicalize");
        var interop = Interop.Directory;
        var node = new ProcessStartInfo("node", ["jcs.mjs"])
        {
            WorkingDirectory = interop,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(node) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        foreach (var document in documents)
            await process.StandardInput.WriteAsync(document + "\n");
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await errors);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
