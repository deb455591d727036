namespace SmpAcademy.Grains.Contracts;

/// <summary>Sizes every protocol enforces the same way, written once.</summary>
public static class Limits
{
    /// <summary>Dots in one placement batch, and dots in one page of a session (views, backlog, catch-up).</summary>
    public const int DotsPerBatch = 10_000;

    public static readonly string DotsPerBatchText = DotsPerBatch.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static readonly Refusal BadBatch = new(RefusalKind.BadInput, "bad-batch", $"a batch holds 1 to {DotsPerBatchText} dots");

    public static bool IsValidBatch<T>(IReadOnlyCollection<T>? dots) => dots is { Count: > 0 and <= DotsPerBatch };
}
