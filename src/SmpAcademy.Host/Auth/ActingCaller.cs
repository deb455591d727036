using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Grains.Journaling;

namespace SmpAcademy.Host.Auth;

/// <summary>
/// Hands the authenticated caller to the grains (<see cref="ActingPrincipal"/>) for every request and hub call, so that
/// every event records who acted and through which interface. Only the validated token counts: no header or argument
/// a client sends can name someone else.
/// </summary>
public static class ActingCaller
{
    public static void UseActingCaller(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated == true)
                ActingPrincipal.Set(Caller.Of(http.User).AsActor("http"));
            return next(http);
        });
    }

    /// <summary>The same for each hub method call (a hub call has no HTTP request of its own).</summary>
    public sealed class HubFilter : IHubFilter
    {
        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
        {
            ArgumentNullException.ThrowIfNull(invocationContext);
            ArgumentNullException.ThrowIfNull(next);
            if (invocationContext.Context.User?.Identity?.IsAuthenticated == true)
                ActingPrincipal.Set(Caller.Of(invocationContext.Context.User).AsActor("hub"));
            return next(invocationContext);
        }
    }
}
