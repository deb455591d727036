namespace SmpAcademy.LocalServers.Hosts;

/// <summary>
/// The loopback ports one host listens on: HTTP, Orleans silo-to-silo and the Orleans gateway. Chosen once, so a
/// host started again on them (after a kill) is the same address to its clients and its cluster.
/// </summary>
public sealed record HostPorts(int Http, int Silo, int Gateway)
{
    public static HostPorts Free() => new(LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());

    public Uri Url => new($"http://127.0.0.1:{Http}");
}
