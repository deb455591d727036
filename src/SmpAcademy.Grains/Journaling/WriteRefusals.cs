using SmpAcademy.Domain;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Journaling;

/// <summary>What a caller is told when its write failed: whether it may have landed, and what to do.</summary>
public static class WriteRefusals
{
    /// <summary>
    /// A write the store has not confirmed by then is answered "maybe" rather than held: a stalled database (a
    /// frozen server, a commit queued behind a stuck one) otherwise holds every caller for its full timeouts.
    /// </summary>
    public const int AnswerWithinSeconds = 5;

    public static readonly Refusal ChangedElsewhere = Refusal.Conflict("changed-elsewhere",
        "another writer changed this stream first; nothing of this request was recorded — reload and try again");

    public static readonly Refusal Unconfirmed = Refusal.Unavailable(
        $"the event store has not confirmed the write within {AnswerWithinSeconds} s (it is slow or stalled); it may still be recorded: retry with the same Idempotency-Key, which never records a request twice");

    public static readonly Refusal StillReading = Refusal.Unavailable(
        $"the session is rebuilding from the event store after a failed write, and the store has not answered within {AnswerWithinSeconds} s; nothing of this request was recorded: retry");

    /// <summary>True once <paramref name="write"/> has completed, false if it is still going at <paramref name="deadline"/>.</summary>
    public static async Task<bool> SettlesInTimeAsync(Task write, long deadline)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            await write.WaitAsync(Remaining(deadline));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>When a request that starts now must be answered by (a <see cref="Environment.TickCount64"/> value).</summary>
    public static long Deadline() => Environment.TickCount64 + (AnswerWithinSeconds * 1000);

    public static TimeSpan Remaining(long deadline) => TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));

    public static readonly Refusal NotSent = Refusal.Unavailable(
        "the event store failed an earlier write of this session before this one was sent; nothing of this request was recorded: retry");

    public static Refusal For(Exception exception) => StoreFailures.Classify(exception) switch
    {
        WriteFailure.Unstorable => new Refusal(RefusalKind.BadInput, "unstorable",
            $"the database refused to store this request ({StoreFailures.Describe(exception)}); nothing was recorded"),
        WriteFailure.NotRecorded => Refusal.Unavailable(
            $"the event store could not record this request ({StoreFailures.Describe(exception)}); nothing was recorded: retry"),
        _ => Refusal.Unavailable(
            $"the event store did not confirm the write ({StoreFailures.Describe(exception)}); it may have been recorded: retry with the same Idempotency-Key, which never records a request twice"),
    };
}
