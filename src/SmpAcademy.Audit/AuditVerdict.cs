namespace SmpAcademy.Audit;

/// <summary>
/// The three verdicts on a history, in the words every reader uses: <c>smp audit verify</c> on a bundle, and the
/// auditor console on the history as the platform holds it. Only <see cref="Verified"/> is good.
/// </summary>
public static class AuditVerdict
{
    /// <summary>Every check holds, and every event is under a signed checkpoint.</summary>
    public const string Verified = "VERIFIED";

    /// <summary>Every check holds, but some events are under no signed checkpoint: they could be rewritten unseen.</summary>
    public const string Unanchored = "UNANCHORED";

    /// <summary>Something does not hold.</summary>
    public const string NotVerified = "NOT VERIFIED";

    public static string Of(bool holds, long unanchored) => !holds ? NotVerified : unanchored > 0 ? Unanchored : Verified;
}
