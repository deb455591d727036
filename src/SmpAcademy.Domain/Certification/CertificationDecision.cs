namespace SmpAcademy.Domain.Certification;

/// <summary>An event as recorded: the id an auditor can look up, where it is, and what it says.</summary>
public sealed record RecordedEvent(Guid EventId, string Stream, long Version, object Data);

/// <summary>One requirement of the program, met or not, with the events that prove what was found.</summary>
public sealed record RequirementResult(string Requirement, bool Met, string Detail, IReadOnlyList<Guid> Evidence);

public sealed record CertificationDecision(string TraineeId, string ProgramId, bool Certified, IReadOnlyList<RequirementResult> Requirements);
