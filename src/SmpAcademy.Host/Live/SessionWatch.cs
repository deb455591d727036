using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Domain;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Auth;

namespace SmpAcademy.Host.Live;

/// <summary>
/// Watching a session, written once for both hubs: join the session's group first, then return the session so far from
/// a sequence on; the live tail arrives as "updated" messages (<see cref="SessionFeed"/>). Every dot carries its sequence
/// number, so a client drops the few it may get twice around the join, and after a reconnect watches again from the last it saw.
/// </summary>
internal static class SessionWatch
{
    public const int BacklogLimit = Limits.DotsPerBatch;

    public static async Task<WatchStart> StartAsync(HubCallerContext context, IGroupManager groups, SessionFeed feed, SessionAccess.Outcome access, Guid sessionId, long fromSequence)
    {
        LiveErrors.ThrowIfDenied(access);
        await groups.AddToGroupAsync(context.ConnectionId, SessionFeed.Group(sessionId));
        await feed.WatchAsync(sessionId, context.ConnectionId);
        var view = (await access.Session.GetView(Math.Max(1, fromSequence), BacklogLimit))!;
        var last = Math.Max(view.Dots.Count > 0 ? view.Dots[^1].Sequence : Math.Max(0, fromSequence - 1), view.DotCount);
        feed.Fetched(sessionId, last);
        return new WatchStart(sessionId, access.TraineeId!, view.Status, view.Dots.Select(d => ScoredDot.From(d)).ToArray(), last, view.Stats);
    }

    public static async Task StopAsync(HubCallerContext context, IGroupManager groups, SessionFeed feed, Guid sessionId)
    {
        feed.Unwatch(sessionId, context.ConnectionId);
        await groups.RemoveFromGroupAsync(context.ConnectionId, SessionFeed.Group(sessionId));
    }
}
