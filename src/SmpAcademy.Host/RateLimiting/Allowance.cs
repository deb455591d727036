using System.Globalization;
using System.Threading.RateLimiting;

namespace SmpAcademy.Host.RateLimiting;

/// <summary>
/// One kind of request a caller may make only so often: a burst, then a steady rate (a token bucket). Read from
/// <c>Smp:RateLimits:&lt;Name&gt;:Burst</c> and <c>:PerMinute</c>; <c>Smp:RateLimits:Scale</c> multiplies every
/// allowance (a load-test target raises them all at once, never to "off").
/// </summary>
/// <param name="Name">The policy's name, as settings and refusals spell it.</param>
/// <param name="What">What is limited, in words for the refusal: "sign-ins from this address".</param>
public sealed record Allowance(string Name, string What, int Burst, double PerMinute)
{
    /// <summary>The partitioned limiters' shared timer replenishes every 100 ms, one period's tokens at a time.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public static Allowance Read(IConfiguration configuration, Allowance defaults)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(defaults);
        var section = configuration.GetSection($"{RateLimitSetup.Section}:{defaults.Name}");
        var scale = configuration.GetValue($"{RateLimitSetup.Section}:Scale", 1.0);
        var burst = section.GetValue("Burst", defaults.Burst);
        var perMinute = section.GetValue("PerMinute", defaults.PerMinute);
        if (scale <= 0 || burst < 1 || perMinute <= 0)
            throw new Hosting.StartupRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"{RateLimitSetup.Section}:{defaults.Name} allows a burst of {burst} and {perMinute} a minute (scale {scale}): each must be above zero"));
        return defaults with { Burst = (int)Math.Min(int.MaxValue, Math.Ceiling(burst * scale)), PerMinute = perMinute * scale };
    }

    public TokenBucketRateLimiterOptions Bucket()
    {
        var perSecond = PerMinute / 60;
        var period = perSecond * Tick.TotalSeconds >= 1 ? Tick : TimeSpan.FromSeconds(1 / perSecond);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = (int)Math.Max(1, Math.Round(perSecond * period.TotalSeconds)),
            ReplenishmentPeriod = period,
            QueueLimit = 0, // refused at once with Retry-After: a queued request would hold its connection for nothing
        };
    }

    /// <summary>A token bucket of this allowance for one caller.</summary>
    public RateLimitPartition<string> For(string caller) => RateLimitPartition.GetTokenBucketLimiter(caller, _ => Bucket());
}
