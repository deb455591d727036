using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Host.Auth;

namespace SmpAcademy.Host.Accounts;

/// <summary>What an admin may give an account: one of our roles, and a real body exactly when the role is auditor.</summary>
public static class RoleGrant
{
    public static Refusal? Check(string? role, string? bodyId, CurriculumCatalog curriculum)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        if (role is null || !Roles.All.Contains(role))
            return Refusal.BadInput("unknown-role", $"a role is one of {string.Join(", ", Roles.All)}");
        var bodies = curriculum.Programs.Values.SelectMany(p => p.Bodies).Select(b => b.Id).ToHashSet();
        return (role == Roles.Auditor ? bodyId is null || !bodies.Contains(bodyId) : bodyId is not null)
            ? Refusal.BadInput("bad-body", $"an auditor names one certification body ({string.Join(", ", bodies.Order())}); no other role has one")
            : null;
    }
}
