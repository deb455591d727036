using System.Net;
using SmpAcademy.EventStore;

namespace SmpAcademy.Host.Cluster;

public enum ClusteringMode
{
    /// <summary>Silos on this machine find each other by port (the single-machine default).</summary>
    Localhost,

    /// <summary>Silos anywhere find each other through a membership table in the same PostgreSQL as the events.</summary>
    AdoNet,
}

/// <summary>
/// How this host's silo joins a cluster, from configuration (environment: replace ':' by "__"):
/// <list type="bullet">
/// <item>Orleans:ClusteringMode — Localhost (default) or AdoNet (not "Orleans:Clustering": Orleans itself reads that section
/// as its own provider configuration);</item>
/// <item>Orleans:ClusterId, Orleans:ServiceId — which cluster (default "smp", "smp-academy"); silos of one ClusterId form one cluster
/// (Orleans binds these two itself as well, to the same effect);</item>
/// <item>Orleans:SiloPort, Orleans:GatewayPort — 11111 and 30000 by default;</item>
/// <item>Orleans:AdvertisedIP — the address other silos reach this one on (AdoNet; default: this machine's first non-loopback address;
/// in Kubernetes the pod IP);</item>
/// <item>Orleans:Schema — the PostgreSQL schema of the membership table (default: the event store's schema + "_orleans");</item>
/// <item>Orleans:PrimarySiloPort — Localhost only: the silo port of the host whose cluster to join;</item>
/// <item>Orleans:Membership:* — ClusterMembershipOptions (ProbeTimeout, NumMissedProbesLimit, …): how fast a lost silo is declared dead.</item>
/// </list>
/// </summary>
public sealed record ClusterSettings(
    ClusteringMode Clustering,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    IPAddress? AdvertisedIP,
    string Schema,
    int PrimarySiloPort)
{
    public const string Section = "Orleans";

    public const string MembershipSection = "Orleans:Membership";

    /// <summary>Every key this host reads under Orleans: (the infra/ manifests are checked against these).</summary>
    public static readonly IReadOnlyList<string> Keys =
        ["ClusteringMode", "ClusterId", "ServiceId", "SiloPort", "GatewayPort", "AdvertisedIP", "Schema", "PrimarySiloPort", "Membership"];

    public static ClusterSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var orleans = configuration.GetSection(Section);
        if (orleans["Clustering"] is { Length: > 0 })
            throw new InvalidOperationException("Orleans:Clustering is Orleans' own provider section; choose SmpAcademy's clustering with Orleans:ClusteringMode (Localhost or AdoNet)");
        var mode = orleans["ClusteringMode"] is { Length: > 0 } text
            ? Enum.TryParse<ClusteringMode>(text, ignoreCase: true, out var parsed) ? parsed
                : throw new InvalidOperationException($"Orleans:ClusteringMode is '{text}'; use Localhost or AdoNet")
            : ClusteringMode.Localhost;
        var siloPort = orleans.GetValue("SiloPort", 11111);
        var advertised = orleans["AdvertisedIP"] is { Length: > 0 } ip
            ? IPAddress.TryParse(ip, out var address) ? address : throw new InvalidOperationException($"Orleans:AdvertisedIP '{ip}' is not an IP address")
            : null;
        var eventSchema = configuration["Smp:Schema"] ?? EventStoreSetup.DefaultSchema;
        return new ClusterSettings(
            mode,
            orleans["ClusterId"] is { Length: > 0 } cluster ? cluster : "smp",
            orleans["ServiceId"] is { Length: > 0 } service ? service : "smp-academy",
            siloPort,
            orleans.GetValue("GatewayPort", 30000),
            advertised,
            orleans["Schema"] is { Length: > 0 } schema ? schema : eventSchema + "_orleans",
            orleans.GetValue("PrimarySiloPort", siloPort));
    }
}
