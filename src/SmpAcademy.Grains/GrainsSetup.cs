using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace SmpAcademy.Grains;

public static class GrainsSetup
{
    /// <summary>
    /// Grains journal into Marten streams (<see cref="Journaling.JournaledStreamGrain{TState}"/>); domain types
    /// (events, summaries), which carry no Orleans attributes, travel and are copied as JSON; a dot's placement, the hot
    /// path, has its own generated surrogate (<see cref="Contracts.DotPlacementConverter"/>).
    /// </summary>
    public static ISiloBuilder AddSmpGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSerializer(s => s.AddJsonSerializer(IsDomainType, IsDomainType));
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<EventStore.Streams.GroupCommit>();
        silo.Services.AddSingleton(services => services.GetRequiredService<EventStore.Streams.GroupCommit>().Circuit);
        return silo;
    }

    public static bool IsDomainType(Type type) =>
        type.Namespace?.StartsWith("SmpAcademy.Domain", StringComparison.Ordinal) == true && type != typeof(Domain.Scoring.DotPlacement);
}
