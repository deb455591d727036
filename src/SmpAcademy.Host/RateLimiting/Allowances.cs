namespace SmpAcademy.Host.RateLimiting;

/// <summary>
/// What one caller may do how often, by default. Generous for a person at a console (a trainee places a few dots a
/// second; an auditor exports a few bundles an hour), and far below what a script would take: 2,000 tokens minted
/// in 2.4 s, or 2,000 sessions opened by one trainee, as an attacker once did.
/// </summary>
public sealed record Allowances(Allowance SignIn, Allowance Sessions, Allowance Dots, Allowance Exports, Allowance Verifications, int ConcurrentExports)
{
    public const string SignInPolicy = "SignIn";
    public const string SessionsPolicy = "Sessions";
    public const string DotsPolicy = "Dots";
    public const string ExportsPolicy = "Exports";
    public const string VerificationsPolicy = "Verifications";

    public static readonly Allowance DefaultSignIn = new(SignInPolicy, "sign-ins from this address", Burst: 20, PerMinute: 10);
    public static readonly Allowance DefaultSessions = new(SessionsPolicy, "sessions started by this trainee", Burst: 20, PerMinute: 10);
    public static readonly Allowance DefaultDots = new(DotsPolicy, "dot placements (a single dot or a batch) by this trainee", Burst: 200, PerMinute: 3_000);
    public static readonly Allowance DefaultExports = new(ExportsPolicy, "audit exports by this caller", Burst: 5, PerMinute: 5);
    public static readonly Allowance DefaultVerifications = new(VerificationsPolicy, "certificate checks by this caller", Burst: 30, PerMinute: 60);

    /// <summary>Audit exports running at once on one host, whoever asks: each holds a whole history in memory.</summary>
    public const int DefaultConcurrentExports = 2;

    public static Allowances Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var concurrent = configuration.GetValue($"{RateLimitSetup.Section}:ConcurrentExports", DefaultConcurrentExports);
        if (concurrent < 1)
            throw new Hosting.StartupRefusedException($"{RateLimitSetup.Section}:ConcurrentExports is {concurrent}: at least one export must be able to run");
        return new(Allowance.Read(configuration, DefaultSignIn), Allowance.Read(configuration, DefaultSessions), Allowance.Read(configuration, DefaultDots),
            Allowance.Read(configuration, DefaultExports), Allowance.Read(configuration, DefaultVerifications), concurrent);
    }

    public IEnumerable<Allowance> All => [SignIn, Sessions, Dots, Exports, Verifications];
}
