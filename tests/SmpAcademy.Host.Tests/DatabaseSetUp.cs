using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests;

[SetUpFixture]
public sealed class DatabaseSetUp : TestDatabase;
