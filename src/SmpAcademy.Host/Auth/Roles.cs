namespace SmpAcademy.Host.Auth;

public static class Roles
{
    public const string Trainee = "trainee";
    public const string Instructor = "instructor";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Trainee, Instructor, Auditor, Admin];
}
