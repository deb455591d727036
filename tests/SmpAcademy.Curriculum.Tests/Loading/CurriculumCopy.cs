using SmpAcademy.Testing;

namespace SmpAcademy.Curriculum.Tests.Loading;

/// <summary>A throwaway copy of the shipped curriculum that a test may break.</summary>
internal sealed class CurriculumCopy : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "smp-curriculum-" + Guid.NewGuid().ToString("N"));

    public CurriculumCopy()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(RepoPaths.Curriculum, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(RepoPaths.Curriculum, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Directory => Path.Combine(_root, "curriculum");

    /// <summary>Replaces text in one file; fails the test if the text is not there (the file changed).</summary>
    public CurriculumCopy Replace(string file, string text, string replacement)
    {
        var path = Path.Combine(Directory, file);
        var content = File.ReadAllText(path);
        Assert.That(content, Does.Contain(text), $"{file} no longer contains the text this test breaks");
        File.WriteAllText(path, content.Replace(text, replacement, StringComparison.Ordinal));
        return this;
    }

    public CurriculumCopy Write(string file, string content)
    {
        File.WriteAllText(Path.Combine(Directory, file), content);
        return this;
    }

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);
}
