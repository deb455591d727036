using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using SmpAcademy.Audit.Witness;
using SmpAcademy.Domain.Audit;
using SmpAcademy.EventStore.Audit;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Audit;

/// <summary>
/// The checkpoint log, open to anyone (a witness needs no account): the latest statement, and the statements that
/// prove one checkpoint extends another. Statements carry no heads, so they name no trainee or stream.
/// </summary>
public static class CheckpointLogEndpoints
{
    public static void MapCheckpointLogEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var log = app.MapGroup("/api/audit/checkpoints").AllowAnonymous().WithTags("Audit");
        log.MapGet("/latest", async Task<Results<Ok<Checkpoint>, ProblemHttpResult>> (IDocumentStore store, CancellationToken ct) =>
                await CheckpointLog.LatestAsync(store, ct) is { } latest ? TypedResults.Ok(latest) : NoCheckpoint("no checkpoint has been signed yet"))
            .ProducesProblem(StatusCodes.Status404NotFound).WithName("GetLatestCheckpoint").WithSummary("The latest signed checkpoint's statement: number, time, tree size, tree head, previous checkpoint's hash, signature");

        log.MapGet("/consistency", async Task<Results<Ok<CheckpointConsistency>, ProblemHttpResult>> (long from, long? to, IDocumentStore store, CancellationToken ct) =>
            {
                var last = to ?? (await CheckpointLog.LatestAsync(store, ct))?.Id ?? 0;
                if (from < 1 || last < from || last - from >= CheckpointLog.PageSize)
                {
                    return Problem.BadInput("bad-checkpoint-range",
                        $"from={from}, to={last}: ask for 1 ≤ from ≤ to, at most {CheckpointLog.PageSize} checkpoints at a time (a witness far behind reads on from the last one it got)");
                }

                var run = await CheckpointLog.RangeAsync(store, from, last, ct);
                return run.Count == last - from + 1
                    ? TypedResults.Ok(new CheckpointConsistency(from, last, run))
                    : NoCheckpoint($"checkpoints {from} to {last} are not all here (only {run.Count}): never signed, or not of a chained format");
            })
            .WithName("GetCheckpointConsistency")
            .WithSummary("The statements of checkpoints from..to (to: the latest): each names the previous one's hash, so they prove the later extends the earlier");
    }

    private static ProblemHttpResult NoCheckpoint(string detail) => Problem.From(new Domain.Refusal(Domain.RefusalKind.NotFound, "no-checkpoint", detail));
}
