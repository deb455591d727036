using SmpAcademy.EventStore.Streams;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Journaling;

/// <summary>What a caller is told when its write failed: whether it may have landed, and what to do.</summary>
public static class WriteRefusals
{
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
