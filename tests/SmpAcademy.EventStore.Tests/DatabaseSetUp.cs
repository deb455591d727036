using SmpAcademy.Testing;

namespace SmpAcademy.EventStore.Tests;

[SetUpFixture]
public sealed class DatabaseSetUp : TestDatabase;
