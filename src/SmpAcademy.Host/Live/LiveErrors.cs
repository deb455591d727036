using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Domain;
using SmpAcademy.Host.Auth;

namespace SmpAcademy.Host.Live;

/// <summary>The hubs' one refusal mapper (HTTP's is Problem.From): "code: reason", the same code and reason as the HTTP problem.</summary>
internal static class LiveErrors
{
    public static HubException Refused(Refusal refusal, int? index = null) =>
        new($"{refusal.Code}: {refusal.Message}{(index is { } i ? $" (dot {i})" : "")}");

    public static void ThrowIfDenied(SessionAccess.Outcome access)
    {
        if (access.Refusal is { } refusal)
            throw Refused(refusal);
    }
}
