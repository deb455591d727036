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
    private static int _refused;

    public static DocumentSessionListenerBase Listener { get; } = new Injector();

    /// <summary>The next <paramref name="writes"/> commits fail with an I/O error before they commit.</summary>
    public static void FailBeforeCommit(int writes = 1) => Interlocked.Exchange(ref _beforeCommit, writes);

    /// <summary>The next commit is refused by "PostgreSQL" as data it cannot store (SQLSTATE 22P05, a NUL in text).</summary>
    public static void RefuseNextAsUnstorable() => Interlocked.Exchange(ref _refused, 1);

    public static void Reset()
    {
        Interlocked.Exchange(ref _beforeCommit, 0);
        Interlocked.Exchange(ref _refused, 0);
    }

    private sealed class Injector : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (Interlocked.Exchange(ref _refused, 0) == 1)
                throw new Npgsql.PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00 (injected)", "ERROR", "ERROR", "22P05");
            return Interlocked.Decrement(ref _beforeCommit) >= 0 ? throw new IOException("connection reset by peer (injected)") : Task.CompletedTask;
        }
    }
}
