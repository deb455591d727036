using MessagePack;
using MessagePack.Resolvers;

namespace SmpAcademy.Host.Live;

/// <summary>The hubs speak JSON and MessagePack; MessagePack maps records by member name, no attributes needed.</summary>
public static class LiveProtocols
{
    public static readonly MessagePackSerializerOptions MessagePack =
        MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance).WithSecurity(MessagePackSecurity.UntrustedData);
}
