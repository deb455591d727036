namespace SmpAcademy.Domain.Trainees;

public sealed record TraineeEnrolled(string TraineeId, string ProgramId, DateTimeOffset At);
