using Marten;
using SmpAcademy.Domain;
using SmpAcademy.Host.Auth;

namespace SmpAcademy.Host.Accounts;

/// <summary>Who has an account here, for the writes that name other people (an instructor assignment).</summary>
public sealed class AccountDirectory(IDocumentStore store)
{
    /// <summary>Why this assignment names someone who is not there, or in another role; null when both are right.</summary>
    public async Task<Refusal?> CheckAssignmentAsync(string traineeId, string instructorId)
    {
        await using var query = store.QuerySession();
        foreach (var (userId, role) in new[] { (traineeId, Roles.Trainee), (instructorId, Roles.Instructor) })
        {
            var account = await query.LoadAsync<Account>(userId ?? "");
            if (account is null)
                return Refusal.NotFound("unknown-user", $"no account '{userId}': invite them first");
            if (account.Role != role)
                return Refusal.BadInput("wrong-role", $"'{userId}' has the role {account.Role}, not {role}");
        }

        return null;
    }
}
