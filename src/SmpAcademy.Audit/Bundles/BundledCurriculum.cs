using SmpAcademy.Curriculum;
using SmpAcademy.Curriculum.Loading;

namespace SmpAcademy.Audit.Bundles;

/// <summary>The curriculum a bundle carries: its copy of today's files, and the files its events pinned, by digest.</summary>
internal static class BundledCurriculum
{
    public static PinnedCurriculum? Load(Dictionary<string, byte[]> files, List<string> problems)
    {
        var folder = Directory.CreateTempSubdirectory("smp-bundle-curriculum-");
        try
        {
            foreach (var (name, bytes) in files.Where(f => f.Key.StartsWith(BundleLayout.CurriculumFolder, StringComparison.Ordinal)))
            {
                var path = Path.GetFullPath(Path.Combine(folder.FullName, name[BundleLayout.CurriculumFolder.Length..]));
                if (!path.StartsWith(folder.FullName + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InvalidDataException($"{name} points outside the bundle");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
            }

            var pinned = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, bytes) in files.Where(f => f.Key.StartsWith(BundleLayout.PinnedFolder, StringComparison.Ordinal)))
            {
                // The manifest covers the bytes; the name must also be their digest, or a file could stand in for another.
                var digest = CurriculumDigest.Of(bytes);
                if (BundleLayout.PinnedFile(digest) != name)
                    problems.Add($"{name} is not named by its content's digest ({digest}): a pinned file cannot stand in for another");
                else
                    pinned[digest] = bytes;
            }

            return new PinnedCurriculum(CurriculumLoader.Load(folder.FullName), pinned);
        }
        catch (Exception x) when (x is CurriculumException or InvalidDataException or IOException)
        {
            problems.Add($"the bundled curriculum cannot be used: {x.Message}");
            return null;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
