namespace SmpAcademy.Grains.Contracts;

/// <summary>Sizes every protocol enforces the same way, written once.</summary>
public static class Limits
{
    /// <summary>Dots in one placement batch, and dots in one page of a session (views, backlog, catch-up).</summary>
    public const int DotsPerBatch = 10_000;

    /// <summary>
    /// The largest hub message: a full batch of dots as JSON, each with room for long decimals (about 75 bytes as
    /// clients write them, 200 allowed). SignalR's default of 32 KB closed the connection after about 500 dots.
    /// </summary>
    public const long HubMessageBytes = DotsPerBatch * 200L;

    public static readonly string DotsPerBatchText = DotsPerBatch.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static readonly Refusal BadBatch = new(RefusalKind.BadInput, "bad-batch", $"a batch holds 1 to {DotsPerBatchText} dots");

    public static bool IsValidBatch<T>(IReadOnlyCollection<T>? dots) => dots is { Count: > 0 and <= DotsPerBatch };
}
