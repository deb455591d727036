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
        // The last dot the session holds, whatever the watcher asked from: a sequence the caller chose must never become
        // what this host believes it sent, or a watch from 2^53 - 1 would silence the session's live dots for every watcher here.
        feed.Fetched(sessionId, view.DotCount);
        return new WatchStart(sessionId, access.TraineeId!, view.Status, view.Dots.Select(d => ScoredDot.From(d)).ToArray(), view.DotCount, view.Stats);
    }

    public static async Task StopAsync(HubCallerContext context, IGroupManager groups, SessionFeed feed, Guid sessionId)
    {
        feed.Unwatch(sessionId, context.ConnectionId);
        await groups.RemoveFromGroupAsync(context.ConnectionId, SessionFeed.Group(sessionId));
    }
}
