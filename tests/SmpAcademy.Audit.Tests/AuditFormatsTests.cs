using SmpAcademy.Audit;

namespace SmpAcademy.Audit.Tests;

public sealed class AuditFormatsTests
{
    [Test]
    public void Bundle_format_is_versioned() => Assert.That(AuditFormats.Bundle, Does.EndWith("-v1"));
}
