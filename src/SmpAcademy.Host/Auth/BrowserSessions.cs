using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace SmpAcademy.Host.Auth;

/// <summary>
/// Browser sessions kept by the host: the cookie carries only a sealed random key, so signing out (or the session's
/// end) makes a copied cookie worthless at once rather than whenever it would have expired. In memory, per host: a
/// restart signs browsers out, and several hosts behind one address need sticky sessions (see the README).
/// </summary>
public sealed class BrowserSessions : ITicketStore, IDisposable
{
    /// <summary>At most this many live sessions per host; past it the least recently used are forgotten (signed out).</summary>
    public const int Capacity = 100_000;

    private readonly MemoryCache _sessions = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly TimeProvider _clock;

    public BrowserSessions(TimeProvider clock) => _clock = clock;

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        Keep(key, ticket);
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        Keep(key, ticket);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(_sessions.TryGetValue(key, out AuthenticationTicket? ticket) && ticket!.Properties.ExpiresUtc > _clock.GetUtcNow() ? ticket : null);

    public Task RemoveAsync(string key)
    {
        _sessions.Remove(key);
        return Task.CompletedTask;
    }

    /// <summary>How many sessions this host holds (for tests and health).</summary>
    public int Count => _sessions.Count;

    public void Dispose() => _sessions.Dispose();

    private void Keep(string key, AuthenticationTicket ticket) =>
        _sessions.Set(key, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = ticket.Properties.ExpiresUtc ?? _clock.GetUtcNow().AddHours(1) });
}
