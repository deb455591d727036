using Marten;
using Marten.Services;

namespace SmpAcademy.Grains.Tests;

/// <summary>
/// Breaks the silo's next writes as a lost connection would: before the transaction commits (nothing
/// recorded, though the writer cannot know that), or with a refusal from PostgreSQL itself.
/// </summary>
public static class WriteFaults
{
    private static int _beforeCommit;

    public static DocumentSessionListenerBase Listener { get; } = new Injector();

    /// <summary>The next <paramref name="writes"/> commits fail with an I/O error before they commit.</summary>
    public static void FailBeforeCommit(int writes = 1) => Interlocked.Exchange(ref _beforeCommit, writes);

    public static void Reset() => Interlocked.Exchange(ref _beforeCommit, 0);

    private sealed class Injector : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token) =>
            Interlocked.Decrement(ref _beforeCommit) >= 0 ? throw new IOException("connection reset by peer (injected)") : Task.CompletedTask;
    }
}
