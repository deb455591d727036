using System.Security.Claims;

namespace SmpAcademy.Host.Auth;

/// <summary>Who is calling, and what they may touch. Every endpoint asks before it acts.</summary>
/// <param name="Body">The certification body an auditor audits for; null for everyone else.</param>
public sealed record Caller(string UserId, string Role, string? Body = null)
{
    public const string BodyClaim = "body";

    public static Caller Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.FindFirstValue("sub") ?? "", user.FindFirstValue("role") ?? "", user.FindFirstValue(BodyClaim));
    }

    /// <summary>The body this caller audits for: null unless an auditor with a body.</summary>
    public string? AuditedBody => Role == Roles.Auditor ? Body : null;

    /// <summary>An auditor of this body: read-only, and only on candidates who applied to it.</summary>
    public bool IsAuditorOf(string bodyId) => AuditedBody == bodyId;

    /// <summary>An auditor whose body the trainee applied to.</summary>
    public bool MayAudit(IReadOnlyCollection<string> appliedTo) => AuditedBody is { } body && appliedTo.Contains(body);

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>
    /// Only trainees act on their own record (enrol, apply, practise): not even an admin may write a trainee's practice,
    /// since certification evidence must be the trainee's own work. Admins assign instructors and sign checkpoints.
    /// </summary>
    public bool MayWriteAs(string traineeId) => Role == Roles.Trainee && UserId == traineeId;

    /// <summary>The trainee, their assigned instructors, and admins may read. Auditors read through the audit endpoints, which record it.</summary>
    public bool MayRead(string traineeId, IReadOnlyCollection<string> instructors) =>
        IsAdmin || MayWriteAs(traineeId) || (Role == Roles.Instructor && instructors.Contains(UserId));

    /// <summary>This caller as events record them.</summary>
    public Domain.Audit.Actor AsActor(string via) => new(UserId, Role, AuditedBody, via);
}
