using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Domain.Certification;

/// <summary>An event as recorded: the id an auditor can look up, where it is, what it says, and who recorded it.</summary>
/// <param name="Provenance">Null for events written before provenance was recorded (hash scheme 1).</param>
public sealed record RecordedEvent(Guid EventId, string Stream, long Version, object Data, Provenance? Provenance = null);

/// <summary>Who recorded an event, as its history says (null: recorded by no signed-in caller).</summary>
public sealed record Provenance(Actor? By);

/// <summary>One requirement of the program, met or not, with the events that prove what was found.</summary>
public sealed record RequirementResult(string Requirement, bool Met, string Detail, IReadOnlyList<Guid> Evidence);

public sealed record CertificationDecision(string TraineeId, string ProgramId, bool Certified, IReadOnlyList<RequirementResult> Requirements);
