namespace SmpAcademy.Domain;

public enum RefusalKind
{
    /// <summary>The input itself is wrong (HTTP 400).</summary>
    BadInput,

    /// <summary>The input is fine but the current state forbids it (HTTP 409).</summary>
    Conflict,

    /// <summary>What it refers to does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The caller may not do this (HTTP 403).</summary>
    Forbidden,

    /// <summary>The event store is out of reach for now (HTTP 503 with Retry-After); the message says whether anything may have been recorded.</summary>
    Unavailable,

    /// <summary>This caller has used up an allowance for now (HTTP 429 with Retry-After); nothing was done.</summary>
    TooMany,
}

/// <summary>
/// Why a command was refused; a refused command changes nothing. The one refusal type of every layer: the domain's
/// rules and the scorer return it, grains pass it on, and one mapper per protocol renders it (HTTP: Problem.From, a
/// problem with this code; hubs: LiveErrors.Refused, "code: message").
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Code, string Message)
{
    public static Refusal BadInput(string code, string message) => new(RefusalKind.BadInput, code, message);

    public static Refusal Conflict(string code, string message) => new(RefusalKind.Conflict, code, message);

    public static Refusal Forbidden(string code, string message) => new(RefusalKind.Forbidden, code, message);

    public static Refusal NotFound(string code, string message) => new(RefusalKind.NotFound, code, message);

    public static Refusal NotFound(string what) => NotFound("not-found", what);

    public static Refusal Unavailable(string why) => new(RefusalKind.Unavailable, "unavailable", why);
}

/// <summary>A refusal where an exception is the only way out (a bad dot among earlier sessions' dots, a replay).</summary>
public sealed class RefusedException(Refusal refusal) : Exception(refusal.Message)
{
    public Refusal Refusal { get; } = refusal;
}
