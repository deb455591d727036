using Marten.Schema;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// An admin's one-time invitation to make an account with a given role (and, for auditors, body). Only the hash of
/// its secret is stored, so the database does not hold a usable link; it is spent by the first account made with it.
/// </summary>
[UseOptimisticConcurrency] // two people racing with one link: one account, the other is refused
public sealed class Invitation
{
    /// <summary>The SHA-256 of the secret in the link, hex.</summary>
    public string Id { get; set; } = "";

    public string Role { get; set; } = "";

    public string? Body { get; set; }

    public string InvitedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The account it made, once used.</summary>
    public string? UsedBy { get; set; }
}

/// <summary>What an admin asks for: an invitation to this role (and body, for an auditor).</summary>
public sealed record InvitationRequest(string Role, string? BodyId = null);

/// <summary>The one-time link (a path on this host's pages, the secret in its fragment, which browsers never send); shown once, never stored.</summary>
public sealed record InvitationIssued(string Path, string Role, string? Body, DateTimeOffset ExpiresAt);

/// <summary>The invited person's chosen user name and password, with the secret from their link.</summary>
public sealed record InvitationAcceptance(string Invite, string UserId, string Password);

/// <summary>An account as the admin console lists it: never its hash or stamp.</summary>
/// <param name="Assigned">An instructor's trainees, or a trainee's instructors; empty for the other roles.</param>
public sealed record AccountView(string UserId, string Role, string? Body, DateTimeOffset CreatedAt, string CreatedBy, bool LockedOut, bool Disabled, IReadOnlyList<string> Assigned);
