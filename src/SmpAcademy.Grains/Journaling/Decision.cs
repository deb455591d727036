using SmpAcademy.Domain;
using SmpAcademy.Domain.Sessions;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Journaling;

/// <summary>What a command decided: the events to record, or why nothing is.</summary>
public readonly record struct Decision(IReadOnlyList<object> Events, Refusal? Refusal)
{
    public static Decision Record(params object[] events) => new(events, null);

    public static Decision Refuse(Refusal refusal) => new([], refusal);

    /// <summary>A domain decision: an event, or the rule it broke.</summary>
    public static Decision Of(object decision) =>
        decision is Refusal violation ? Refuse(violation) : Record(decision);

    public static implicit operator Decision(Refusal refusal) => Refuse(refusal);
}

/// <summary>What a command recorded (or, with <see cref="Replayed"/>, had recorded for the same key before); or its refusal.</summary>
public sealed record Recorded(IReadOnlyList<object> Events, Refusal? Refusal, bool Replayed = false);
