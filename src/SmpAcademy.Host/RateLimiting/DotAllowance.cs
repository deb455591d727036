using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Host.RateLimiting;

/// <summary>
/// The dots allowance for hub calls: the HTTP rate limiter never sees a hub invocation (it admits the socket once),
/// so the trainee hub's placements take a token per call here, per user, on the same terms as over HTTP.
/// </summary>
public sealed class DotAllowance(Allowances allowances) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(allowances.Dots.For);

    /// <summary>Null when the call may go ahead; else the refusal to throw.</summary>
    public HubException? Take(string userId)
    {
        using var lease = _limiter.AttemptAcquire("user:" + userId);
        if (lease.IsAcquired)
            return null;
        var (refusal, _) = RateLimitSetup.Refused(allowances.Dots.What, lease);
        return Live.LiveErrors.Refused(refusal);
    }

    public void Dispose() => _limiter.Dispose();
}
