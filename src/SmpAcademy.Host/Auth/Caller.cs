using System.Security.Claims;

namespace SmpAcademy.Host.Auth;

/// <summary>Who is calling, and what they may touch. Every endpoint asks before it acts.</summary>
public sealed record Caller(string UserId, string Role)
{
    public static Caller Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.FindFirstValue("sub") ?? "", user.FindFirstValue("role") ?? "");
    }

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Trainees act on their own record; admins on anyone's.</summary>
    public bool MayWriteAs(string traineeId) => IsAdmin || (Role == Roles.Trainee && UserId == traineeId);

    /// <summary>The trainee, their assigned instructors, and admins may read. Auditors get their own scope later.</summary>
    public bool MayRead(string traineeId, IReadOnlyCollection<string> instructors) =>
        MayWriteAs(traineeId) || (Role == Roles.Instructor && instructors.Contains(UserId));
}
