using System.Security.Cryptography;
using Marten;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// The state of a passkey ceremony between its options and the browser's answer: kept in PostgreSQL (so any host of
/// the cluster can finish it), named by a random id in an HttpOnly cookie, good for a few minutes and taken exactly
/// once, so a captured answer cannot be replayed, not even by two requests at the same moment.
/// </summary>
public sealed class PasskeyChallenges(IDocumentStore store, TimeProvider clock)
{
    public const string Cookie = "smp.passkey";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public sealed class Pending
    {
        public string Id { get; set; } = "";

        /// <summary>The account adding a passkey; null for a sign-in.</summary>
        public string? UserId { get; set; }

        public string State { get; set; } = "";

        public DateTimeOffset ExpiresAt { get; set; }
    }

    public async Task StartAsync(HttpContext http, string? userId, string state)
    {
        ArgumentNullException.ThrowIfNull(http);
        var now = clock.GetUtcNow();
        var pending = new Pending { Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), UserId = userId, State = state, ExpiresAt = now + Lifetime };
        await using (var session = store.LightweightSession())
        {
            session.Insert(pending);
            // Old ceremonies nobody finished go with the next one started.
            session.DeleteWhere<Pending>(p => p.ExpiresAt < now);
            await session.SaveChangesAsync(http.RequestAborted);
        }

        http.Response.Cookies.Append(Cookie, pending.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = Lifetime,
        });
    }

    /// <summary>The ceremony's state, removed in the same statement; null when there is none, it expired, or it was for someone else.</summary>
    public async Task<string?> TakeAsync(HttpContext http, string? userId)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
        if (http.Request.Cookies[Cookie] is not { Length: 64 } id)
            return null;
        var table = store.Options.FindOrResolveDocumentType(typeof(Pending)).TableName.QualifiedName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(http.RequestAborted);
        await using var command = new Npgsql.NpgsqlCommand($"DELETE FROM {table} WHERE id = @id RETURNING data->>'UserId', data->>'State', (data->>'ExpiresAt')::timestamptz", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
        if (!await reader.ReadAsync(http.RequestAborted))
            return null;
        var (owner, state, expires) = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
        return owner == userId && expires > clock.GetUtcNow() ? state : null;
    }
}
