using Marten;
using Marten.Patching;
using Microsoft.AspNetCore.Identity;
using SmpAcademy.Domain;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// A password sign-in with lockout that parallel guesses cannot outrun. Identity's own count is read, incremented and
/// written back, so a burst of simultaneous guesses all read the same count and get far more than five tries (measured:
/// 22 of 40). Here each attempt first takes a numbered try in one atomic statement, and only the first five tries since
/// the last success or ended lock are checked at all.
/// </summary>
public sealed class PasswordCheck(IDocumentStore store, UserManager<Account> users, TimeProvider clock)
{
    /// <summary>The account, or why not: bad-credentials, locked-out, disabled.</summary>
    public async Task<(Account? Account, Refusal? Refusal)> SignInAsync(string? userId, string? password)
    {
        var account = AccountEndpoints.UserIdPattern().IsMatch(userId ?? "") ? await users.FindByIdAsync(userId!) : null;
        if (account is null)
        {
            // The same work as a real check, so the answer's timing does not tell which names exist.
            users.PasswordHasher.VerifyHashedPassword(new Account(), DecoyHash, password ?? "");
            return (null, BadCredentials);
        }

        if (account.LockoutEnd > clock.GetUtcNow())
            return (null, LockedOut(account.LockoutEnd.Value));

        var (tries, lockedUntil) = await TakeTryAsync(account.Id);
        if (lockedUntil > clock.GetUtcNow())
            return (null, LockedOut(lockedUntil.Value));
        var right = tries <= AccountSetup.FailuresBeforeLockout && await users.CheckPasswordAsync(account, password ?? "");
        await using (var session = store.LightweightSession())
        {
            if (right)
            {
                session.Patch<Account>(account.Id).Set(a => a.AccessFailedCount, 0);
                await session.SaveChangesAsync();
                // Said only to someone who knows the password, so it does not tell a stranger the name exists.
                return account.Disabled ? (null, Refusal.Forbidden("disabled", "this account is disabled: ask an admin")) : (account, null);
            }

            if (tries < AccountSetup.FailuresBeforeLockout)
                return (null, BadCredentials);
            // The count stays: tries go on being refused until the lock ends, and the first try after resets it.
            var until = clock.GetUtcNow() + AccountSetup.Lockout;
            session.Patch<Account>(account.Id).Set(a => a.LockoutEnd, until);
            await session.SaveChangesAsync();
            return (null, LockedOut(until));
        }
    }

    /// <summary>
    /// One atomic statement (PostgreSQL's row lock orders simultaneous ones): the try's number since the last success
    /// or ended lock, and the lock if one is on. A lock that has ended is cleared here, by exactly one try.
    /// </summary>
    private async Task<(int Tries, DateTimeOffset? LockedUntil)> TakeTryAsync(string userId)
    {
        var table = store.Options.FindOrResolveDocumentType(typeof(Account)).TableName.QualifiedName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($$"""
            UPDATE {{table}} SET data = CASE
                WHEN data->>'LockoutEnd' IS NOT NULL AND (data->>'LockoutEnd')::timestamptz > @now THEN data
                WHEN data->>'LockoutEnd' IS NOT NULL THEN data || jsonb_build_object('AccessFailedCount', 1, 'LockoutEnd', null)
                ELSE jsonb_set(data, '{AccessFailedCount}', to_jsonb(coalesce((data->>'AccessFailedCount')::int, 0) + 1)) END
            WHERE id = @id
            RETURNING (data->>'AccessFailedCount')::int, (data->>'LockoutEnd')::timestamptz
            """, connection);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return (int.MaxValue, null);
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static readonly Refusal BadCredentials = Refusal.Forbidden("bad-credentials", "that user name and password do not match an account");

    // A hash of nothing anyone knows, in Identity's current format, made once.
    private static readonly string DecoyHash = new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString());

    private Refusal LockedOut(DateTimeOffset until)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes));
        return Refusal.Forbidden("locked-out", $"too many failed sign-ins: this account is locked for {minutes} more minute(s)");
    }
}
