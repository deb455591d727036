namespace SmpAcademy.Domain.Sessions;

public enum SessionStatus
{
    NotStarted,
    Active,
    Paused,
    Completed,
    Abandoned,
}
