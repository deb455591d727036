using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Audit.Witness;

/// <summary>A run of consecutive checkpoint statements, From to To: each names the hash of the one before, so the last extends the first.</summary>
public sealed record CheckpointConsistency(long From, long To, IReadOnlyList<Checkpoint> Checkpoints);
