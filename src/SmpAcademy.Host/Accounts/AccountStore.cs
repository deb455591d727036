using Marten;
using Microsoft.AspNetCore.Identity;

namespace SmpAcademy.Host.Accounts;

/// <summary>ASP.NET Core Identity's user store on Marten: the hasher, lockout and security stamp are Identity's own.</summary>
public sealed partial class AccountStore(IDocumentStore store) :
    IUserPasswordStore<Account>, IUserSecurityStampStore<Account>, IUserLockoutStore<Account>
{
    public void Dispose()
    {
    }

    public async Task<IdentityResult> CreateAsync(Account user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var session = store.LightweightSession();
        session.Insert(user);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            return IdentityResult.Failed(new IdentityError { Code = "taken", Description = $"the user name '{user.Id}' is taken" });
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(Account user, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Update(user);
        await session.SaveChangesAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(Account user, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Delete(user);
        await session.SaveChangesAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<Account?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Account>(userId, cancellationToken);
    }

    /// <summary>Names are lower case, so the normalized name (upper case) leads back to the id.</summary>
    public Task<Account?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindByIdAsync(normalizedUserName.ToLowerInvariant(), cancellationToken);

    public Task<string> GetUserIdAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Id);

    public Task SetUserNameAsync(Account user, string? userName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("a user name is the user id, which events record: it never changes");

    public Task<string?> GetNormalizedUserNameAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(Account user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(Account user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(Account user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(Account user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(Account user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    /// <summary>Every account locks out after repeated failures: there is no opting out.</summary>
    public Task<bool> GetLockoutEnabledAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetLockoutEnabledAsync(Account user, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;
}
