namespace SmpAcademy.Audit;

/// <summary>Version tags of the files this project writes, so a reader can refuse what it does not know.</summary>
public static class AuditFormats
{
    public const string Bundle = "smp-audit-bundle-v1";
}
