using Microsoft.AspNetCore.SignalR;

namespace SmpAcademy.Host.Live;

/// <summary>
/// Ends every hub connection once the host begins to stop, those that open after it began included. SignalR closes
/// the connections it holds when ApplicationStopping fires, but Kestrel goes on accepting until its own stop a moment
/// later; a client that reconnects at once (withAutomaticReconnect's first retry, or the README's "connect to the
/// next host that answers") can land a new socket in that gap, which nothing would close: Kestrel's drain then waited
/// on it for the whole shutdown budget (Smp:ShutdownSeconds). Such a connection is aborted as it opens, so the client
/// goes on to another host.
/// </summary>
public sealed class StoppingHubFilter(IHostApplicationLifetime lifetime) : IHubFilter
{
    private static readonly object Key = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // Runs at once if the host is already stopping; otherwise when it starts to.
        var stopping = lifetime.ApplicationStopping.Register(static c => ((HubCallerContext)c!).Abort(), context.Context);
        context.Context.Items[Key] = stopping;
        try
        {
            await next(context);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync threw.
            Release(context.Context);
            throw;
        }
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Release(context.Context);
        return next(context, exception);
    }

    private static void Release(HubCallerContext connection)
    {
        if (connection.Items.Remove(Key, out var registration) && registration is CancellationTokenRegistration stopping)
            stopping.Dispose();
    }
}
