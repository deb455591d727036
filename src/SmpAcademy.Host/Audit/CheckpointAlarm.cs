using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmpAcademy.EventStore.Audit;

namespace SmpAcademy.Host.Audit;

/// <summary>
/// Raised when the signer refused to sign (a broken chain, a rewrite of signed history, checkpoints gone), cleared by the
/// next checkpoint signed: until then the readiness report names what was found, and no new event is anchored.
/// </summary>
public sealed partial class CheckpointAlarm(ILogger<CheckpointAlarm> log)
{
    private volatile Raised? _raised;

    /// <summary>What the last refused signing found, and when; null while checkpoints are being signed.</summary>
    public Raised? Current => _raised;

    public void Raise(CheckpointRefusedException refusal, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        _raised = new Raised(at, refusal.Problems);
        LogRefused(refusal.Problems.Count, string.Join("; ", refusal.Problems));
    }

    public void Clear() => _raised = null;

    public sealed record Raised(DateTimeOffset At, IReadOnlyList<string> Problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "refused to sign a checkpoint: {Count} problem(s) in the history that changed since the last one: {Problems}")]
    private partial void LogRefused(int count, string problems);
}

/// <summary>
/// Degraded, not unhealthy, while the alarm is up: the host still takes practice (refusing it would lose nothing an
/// attacker wants), but nothing written from now on is anchored until someone looks.
/// </summary>
internal sealed class CheckpointAlarmHealthCheck(CheckpointAlarm alarm) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(alarm.Current is { } raised
            ? HealthCheckResult.Degraded($"checkpoint signing refused since {raised.At:u}: {string.Join("; ", raised.Problems)}")
            : HealthCheckResult.Healthy("checkpoints are signed over verified chains"));
}
