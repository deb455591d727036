namespace SmpAcademy.Testing;

/// <summary>Finds the repository's folders from wherever the test runner starts.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Curriculum => Path.Combine(Root, "curriculum");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmpAcademy.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"SmpAcademy.sln not found above {AppContext.BaseDirectory}");
    }
}
