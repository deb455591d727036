using SmpAcademy.Testing;

namespace SmpAcademy.Grains.Tests;

[SetUpFixture]
public sealed class DatabaseSetUp : TestDatabase;
