using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace SmpAcademy.Host.Accounts;

/// <summary>Identity's passkey store: each credential a <see cref="Passkey"/> document beside its account.</summary>
public sealed partial class AccountStore : IUserPasskeyStore<Account>
{
    public async Task AddOrUpdatePasskeyAsync(Account user, UserPasskeyInfo passkey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(passkey);
        await using var session = store.LightweightSession();
        var id = Base64UrlTextEncoder.Encode(passkey.CredentialId);
        var existing = await session.LoadAsync<Passkey>(id, cancellationToken);
        if (existing is not null && existing.UserId != user.Id)
            throw new InvalidOperationException("a passkey belongs to one account");
        session.Store(new Passkey
        {
            Id = id,
            UserId = user.Id,
            Name = passkey.Name ?? existing?.Name ?? "",
            PublicKey = passkey.PublicKey,
            CreatedAt = existing?.CreatedAt ?? passkey.CreatedAt,
            LastUsedAt = existing is null ? null : DateTimeOffset.UtcNow,
            SignCount = passkey.SignCount,
            Transports = passkey.Transports,
            IsUserVerified = passkey.IsUserVerified,
            IsBackupEligible = passkey.IsBackupEligible,
            IsBackedUp = passkey.IsBackedUp,
            AttestationObject = passkey.AttestationObject,
            ClientDataJson = passkey.ClientDataJson,
        });
        await session.SaveChangesAsync(cancellationToken);
    }

    public async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(Account user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var query = store.QuerySession();
        var passkeys = await query.Query<Passkey>().Where(p => p.UserId == user.Id).ToListAsync(cancellationToken);
        return [.. passkeys.Select(p => p.ToInfo())];
    }

    public async Task<Account?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        var passkey = await query.LoadAsync<Passkey>(Base64UrlTextEncoder.Encode(credentialId), cancellationToken);
        return passkey is null ? null : await query.LoadAsync<Account>(passkey.UserId, cancellationToken);
    }

    public async Task<UserPasskeyInfo?> FindPasskeyAsync(Account user, byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var query = store.QuerySession();
        var passkey = await query.LoadAsync<Passkey>(Base64UrlTextEncoder.Encode(credentialId), cancellationToken);
        return passkey?.UserId == user.Id ? passkey.ToInfo() : null;
    }

    public async Task RemovePasskeyAsync(Account user, byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Base64UrlTextEncoder.Encode(credentialId);
        await using var session = store.LightweightSession();
        session.DeleteWhere<Passkey>(p => p.Id == id && p.UserId == user.Id);
        await session.SaveChangesAsync(cancellationToken);
    }
}
