namespace SmpAcademy.Curriculum.Loading;

/// <summary>Where the curriculum folder is: as configured, else the nearest curriculum/ above here.</summary>
public static class CurriculumLocator
{
    /// <param name="configured">A folder given by the user (option, setting); empty or null to search.</param>
    public static string Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        configured = Environment.GetEnvironmentVariable("SMP_CURRICULUM");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "curriculum");
                if (Directory.Exists(Path.Combine(candidate, "skins")))
                    return candidate;
            }
        }

        throw new CurriculumException([new CurriculumError("curriculum", "", "no curriculum/ folder found here or above; set SMP_CURRICULUM or pass its folder")]);
    }
}
