namespace SmpAcademy.Domain;

/// <summary>Sizes every protocol and client enforces the same way, written once (the load generator reads them too).</summary>
public static class Limits
{
    /// <summary>Dots in one placement batch, and dots in one page of a session (views, backlog, catch-up).</summary>
    public const int DotsPerBatch = 10_000;

    /// <summary>
    /// The largest hub message: a full batch of dots as JSON, each with room for long decimals (about 75 bytes as
    /// clients write them, 200 allowed). SignalR's default of 32 KB closed the connection after about 500 dots.
    /// </summary>
    public const long HubMessageBytes = DotsPerBatch * 200L;

    /// <summary>
    /// Dots in one session: a full scalp at the densest rubric is about 40,000, so this is room to spare and a bound on
    /// what one session grain holds in memory (about 230 bytes a dot) and one audit replays.
    /// </summary>
    public const int DotsPerSession = 100_000;

    /// <summary>
    /// Hub calls one connection may have running at once (SignalR's default is 1). A trainee's client may keep a few batches
    /// in flight so it does not wait a round trip between them; the session grain numbers dots in the order it takes them.
    /// </summary>
    public const int CallsInFlightPerConnection = 4;

    public static readonly string DotsPerBatchText = DotsPerBatch.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static readonly Refusal BadBatch = new(RefusalKind.BadInput, "bad-batch", $"a batch holds 1 to {DotsPerBatchText} dots");

    /// <summary>The refusal of a batch that would take a session past <see cref="DotsPerSession"/>.</summary>
    public static Refusal SessionFull(long placed, int asked) => new(RefusalKind.Conflict, "session-full", string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"a session holds at most {DotsPerSession:N0} dots; this one has {placed:N0}, so {asked:N0} more do not fit: complete it and start another"));

    public static bool IsValidBatch<T>(IReadOnlyCollection<T>? dots) => dots is { Count: > 0 and <= DotsPerBatch };
}
