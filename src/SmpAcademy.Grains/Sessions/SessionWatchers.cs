using SmpAcademy.Grains.Contracts;

namespace SmpAcademy.Grains.Sessions;

/// <summary>
/// The hosts watching one session: each host's feed observer, leased for a few minutes and renewed while its
/// instructors watch. A host the cluster declared dead cannot unsubscribe, so it is dropped at the next send.
/// </summary>
internal sealed class SessionWatchers(TimeProvider clock, IClusterMembershipService membership)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly Dictionary<ISessionFeedObserver, (DateTimeOffset Until, SiloAddress Host)> _feeds = [];

    public bool Any => _feeds.Count > 0;

    public void Add(ISessionFeedObserver feed, SiloAddress host) => _feeds[feed] = (clock.GetUtcNow() + Lease, host);

    public void Remove(ISessionFeedObserver feed) => _feeds.Remove(feed);

    public void Send(LiveUpdate update)
    {
        var now = clock.GetUtcNow();
        var members = membership.CurrentSnapshot;
        foreach (var (feed, (until, host)) in _feeds.ToArray())
        {
            if (until < now || members.GetSiloStatus(host) == SiloStatus.Dead)
                _feeds.Remove(feed);
            else
                _ = feed.Updated(update);
        }
    }
}
