using System.Collections.Concurrent;
using Marten;
using Microsoft.AspNetCore.SignalR;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// A hub socket outlives the request that opened it, so the per-request session check (<see cref="SessionCheck"/>)
/// never sees it again: a disabled account, or one whose role changed, could go on watching. Each host keeps its own
/// account connections and re-checks them every <c>Smp:ConnectionRecheckSeconds</c> (30) in one query, closing those
/// whose account is gone, disabled or has a new security stamp. A provider's or demo token's connection is not kept:
/// the token's expiry bounds it.
/// </summary>
public sealed partial class OpenConnections(IDocumentStore store, IConfiguration configuration, ILogger<OpenConnections> log) : BackgroundService, IHubFilter
{
    private readonly ConcurrentDictionary<string, (string UserId, string Stamp, HubCallerContext Connection)> _open = new();

    public TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Smp:ConnectionRecheckSeconds", 30.0));

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (SessionCheck.AccountOf(context.Context.User) is var (userId, stamp))
            _open[context.Context.ConnectionId] = (userId, stamp, context.Context);
        try
        {
            await next(context);
        }
        catch
        {
            _open.TryRemove(context.Context.ConnectionId, out _);
            throw;
        }
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        _open.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    /// <summary>Closes the connections whose account no longer stands as it did when they opened; how many.</summary>
    public async Task<int> RecheckAsync(CancellationToken cancellationToken)
    {
        var open = _open.ToArray();
        if (open.Length == 0)
            return 0;
        await using var query = store.QuerySession();
        var accounts = (await query.LoadManyAsync<Account>(cancellationToken, open.Select(o => o.Value.UserId).Distinct())).ToDictionary(a => a.Id);
        var closed = 0;
        foreach (var (id, (userId, stamp, connection)) in open)
        {
            if (accounts.TryGetValue(userId, out var account) && !account.Disabled && account.SecurityStamp == stamp)
                continue;
            connection.Abort();
            _open.TryRemove(id, out _);
            closed++;
        }

        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await RecheckAsync(stoppingToken) is > 0 and var closed)
                    LogClosed(log, closed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a while: the next round checks again.
                LogRecheckFailed(log, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "closed {Count} hub connection(s) of accounts disabled or changed since they connected")]
    private static partial void LogClosed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not re-check the accounts of open hub connections; the next round will")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception);
}
