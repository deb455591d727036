namespace SmpAcademy.Host.Accounts;

/// <summary>
/// An account of this host's own (embedded accounts): its id is the user id everything else records, and its role
/// (and, for auditors, body) is what sign-in puts in the session. Stored as a Marten document beside the events;
/// the password is only ever Identity's hash.
/// </summary>
public sealed class Account
{
    /// <summary>The user id, lower case: the sign-in name.</summary>
    public string Id { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string? PasswordHash { get; set; }

    public string? SecurityStamp { get; set; }

    public string Role { get; set; } = "";

    /// <summary>Auditors: the certification body they audit for.</summary>
    public string? Body { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }

    /// <summary>Set by an admin: no sign-in, and its sessions end.</summary>
    public bool Disabled { get; set; }

    public int AccessFailedCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who made it: "setup" for the first admin, else the admin who invited or created it.</summary>
    public string CreatedBy { get; set; } = "";
}
