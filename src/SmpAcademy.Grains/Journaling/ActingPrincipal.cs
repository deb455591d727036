using SmpAcademy.Domain.Audit;

namespace SmpAcademy.Grains.Journaling;

/// <summary>
/// Who a call acts for, carried beside the call through Orleans' request context (and on through the grain calls it
/// makes), so that every grain records it with the events the call writes without each method taking it as an argument.
/// The host sets it from the authenticated caller, never from anything the client sends.
/// </summary>
public static class ActingPrincipal
{
    private const string Key = "smp-actor";

    public static void Set(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequestContext.Set(Key, actor.ToJson());
    }

    /// <summary>The caller of the current grain call, or null for a call the host did not attribute (start-up, timers, tests).</summary>
    public static Actor? Current => Actor.FromJson(RequestContext.Get(Key) as string);
}
