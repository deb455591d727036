using SmpAcademy.Domain.Scoring;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Grains.Contracts;

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

/// <summary>Why a command was refused; a refused command changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("smp.Refusal")]
public sealed record Refusal(
    [property: Id(0)] RefusalKind Kind,
    [property: Id(1)] string Code,
    [property: Id(2)] string Message)
{
    public static Refusal Of(DotRejection r) =>
        new(r.Code == "session-closed" ? RefusalKind.Conflict : RefusalKind.BadInput, r.Code, r.Message);

    public static Refusal Of(RuleViolation v) =>
        new(v.IsForbidden ? RefusalKind.Forbidden : v.IsNotFound ? RefusalKind.NotFound : v.IsBadInput ? RefusalKind.BadInput : RefusalKind.Conflict, v.Code, v.Message);

    public static Refusal NotFound(string what) => new(RefusalKind.NotFound, "not-found", what);

    public static Refusal Unavailable(string why) => new(RefusalKind.Unavailable, "unavailable", why);

    public static readonly Refusal ChangedElsewhere = new(RefusalKind.Conflict, "changed-elsewhere",
        "another writer changed this stream first; nothing of this request was recorded — reload and try again");
}
