using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using SmpAcademy.Curriculum;
using SmpAcademy.Domain;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Accounts;

/// <summary>A change of an account's role (and body, for an auditor).</summary>
public sealed record AccountChange(string Role, string? BodyId = null);

/// <summary>
/// Admins list and manage this host's accounts: change a role, disable or enable, lift a lockout. A change of role or
/// a disable ends the account's sessions (its security stamp changes). The last enabled admin cannot be demoted or
/// disabled, so the host is never left without one.
/// </summary>
public static class AccountAdminEndpoints
{
    public static void MapAccountAdminEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!AccountSetup.IsOn(app.Configuration))
            return;
        var accounts = app.MapGroup("/api/admin/accounts").RequireAuthorization().WithTags("Accounts");

        accounts.MapGet("/", async Task<Results<Ok<IReadOnlyList<AccountView>>, ProblemHttpResult>> (HttpContext http, IQuerySession query, IGrainFactory grains, TimeProvider clock) =>
            {
                if (!Caller.Of(http.User).IsAdmin)
                    return Problem.Forbidden("only an admin may list accounts");
                var now = clock.GetUtcNow();
                var all = await query.Query<Account>().OrderBy(a => a.Id).ToListAsync();
                var assigned = await Task.WhenAll(all.Select(a => AssignedAsync(grains, a)));
                return TypedResults.Ok<IReadOnlyList<AccountView>>([.. all.Select((a, i) => new AccountView(a.Id, a.Role, a.Body, a.CreatedAt, a.CreatedBy, a.LockoutEnd > now, a.Disabled, assigned[i]))]);
            })
            .WithName("ListAccounts").WithSummary("This host's accounts: role, body, who made them, whether locked out or disabled, and instructors' trainees or trainees' instructors");

        accounts.MapPut("/{userId}", (string userId, AccountChange change, HttpContext http, UserManager<Account> users, IQuerySession query, CurriculumCatalog curriculum) =>
                ChangeAsync(http, users, query, userId, account =>
                {
                    if (RoleGrant.Check(change.Role, change.BodyId, curriculum) is { } refusal)
                        return refusal;
                    (account.Role, account.Body) = (change.Role, change.BodyId);
                    return null;
                }, demotes: change.Role != Roles.Admin))
            .WithName("ChangeAccountRole").WithSummary("Give an account another role (and body, for an auditor); its sessions end");

        accounts.MapPost("/{userId}/disable", (string userId, HttpContext http, UserManager<Account> users, IQuerySession query) =>
                ChangeAsync(http, users, query, userId, account => Set(() => account.Disabled = true), demotes: true))
            .WithName("DisableAccount").WithSummary("No more sign-ins for this account, and its sessions end; its history stays");

        accounts.MapPost("/{userId}/enable", (string userId, HttpContext http, UserManager<Account> users, IQuerySession query) =>
                ChangeAsync(http, users, query, userId, account => Set(() => account.Disabled = false), demotes: false))
            .WithName("EnableAccount").WithSummary("Let a disabled account sign in again");

        accounts.MapPost("/{userId}/unlock", (string userId, HttpContext http, UserManager<Account> users, IQuerySession query) =>
                ChangeAsync(http, users, query, userId, account => Set(() => (account.LockoutEnd, account.AccessFailedCount) = (null, 0)), demotes: false, endSessions: false))
            .WithName("UnlockAccount").WithSummary("Lift a lockout from failed sign-ins before it ends by itself");
    }

    private static Refusal? Set(Action change)
    {
        change();
        return null;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeAsync(HttpContext http, UserManager<Account> users, IQuerySession query,
        string userId, Func<Account, Refusal?> change, bool demotes, bool endSessions = true)
    {
        if (!Caller.Of(http.User).IsAdmin)
            return Problem.Forbidden("only an admin may manage accounts");
        if (await users.FindByIdAsync(userId) is not { } account)
            return Problem.From(Refusal.NotFound("unknown-user", $"no account '{userId}'"));
        var wasActiveAdmin = account.Role == Roles.Admin && !account.Disabled;
        if (change(account) is { } refused)
            return Problem.From(refused);
        // Two admins demoting each other at once would each count two admins and leave none: such changes take turns,
        // across hosts, under one PostgreSQL advisory lock held from the count to the saved change.
        await using var turn = demotes && wasActiveAdmin ? await AdminChangeTurn.TakeAsync(http.RequestServices.GetRequiredService<IDocumentStore>(), http.RequestAborted) : null;
        if (turn is not null && await query.Query<Account>().CountAsync(a => a.Role == Roles.Admin && !a.Disabled) <= 1)
            return Problem.From(Refusal.Conflict("last-admin", $"'{userId}' is the only enabled admin: make another admin first"));
        if (endSessions)
            await users.UpdateSecurityStampAsync(account); // saves the change too
        else
            await users.UpdateAsync(account);
        return TypedResults.NoContent();
    }

    /// <summary>The assignments each side keeps: the instructor's index of trainees, the trainee's own record of instructors.</summary>
    private static async Task<IReadOnlyList<string>> AssignedAsync(IGrainFactory grains, Account account) => account.Role switch
    {
        Roles.Instructor => await grains.GetGrain<Grains.Instructors.IInstructorGrain>(account.Id).GetTrainees(),
        Roles.Trainee => (await grains.GetGrain<Grains.Contracts.ITraineeGrain>(account.Id).GetProfile()).Instructors,
        _ => [],
    };
}
