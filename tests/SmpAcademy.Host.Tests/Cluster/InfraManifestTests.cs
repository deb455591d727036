using System.Text.RegularExpressions;
using Orleans.Configuration;
using SmpAcademy.Host.Cluster;
using SmpAcademy.Host.Health;
using SmpAcademy.Testing;
using YamlDotNet.RepresentationModel;

namespace SmpAcademy.Host.Tests.Cluster;

/// <summary>
/// infra/ cannot be run here (no Docker engine, no Kubernetes cluster), so what can be checked is checked: every
/// file parses, every setting it passes is one the host reads (a misspelt key would be silently ignored), and the
/// probes, ports and replica count agree with the host.
/// </summary>
public partial class InfraManifestTests
{
    private static string Infra => Path.Combine(RepoPaths.Root, "infra");

    private static IEnumerable<string> ManifestFiles =>
        Directory.GetFiles(Path.Combine(Infra, "k8s"), "*.yaml").Append(Path.Combine(Infra, "compose", "compose.yaml"));

    [Test]
    public void Every_manifest_parses_and_every_kubernetes_object_says_what_it_is()
    {
        Assert.That(ManifestFiles.Count(), Is.GreaterThanOrEqualTo(6));
        foreach (var file in Directory.GetFiles(Path.Combine(Infra, "k8s"), "*.yaml"))
        {
            foreach (var document in Load(file))
            {
                Assert.That(Scalar(document, "apiVersion"), Is.Not.Empty, file);
                Assert.That(Scalar(document, "kind"), Is.Not.Empty, file);
                if (Scalar(document, "kind") != "Kustomization")
                    Assert.That(Scalar(document, "metadata", "name"), Is.Not.Empty, file);
            }
        }

        var kustomized = Sequence(Load(Path.Combine(Infra, "k8s", "kustomization.yaml")).Single(), "resources").Select(r => r.ToString());
        Assert.That(kustomized.Where(r => !File.Exists(Path.Combine(Infra, "k8s", r))), Is.Empty, "kustomization lists existing files");
        Assert.That(Load(Path.Combine(Infra, "compose", "compose.yaml")).Single().Children, Does.ContainKey(new YamlScalarNode("services")));
    }

    [Test]
    public void Every_setting_the_manifests_and_the_image_pass_is_one_the_host_reads()
    {
        var known = KnownKeys();
        var passed = KubernetesSettings().Concat(ComposeSettings()).Concat(DockerfileSettings()).Distinct().ToList();
        Assert.That(passed, Has.Count.GreaterThan(10));
        var unknown = passed.Where(name => !IsKnown(name.Replace("__", ":", StringComparison.Ordinal), known)).ToList();
        Assert.That(unknown, Is.Empty, "settings no code reads");
        Assert.That(passed, Does.Contain("Orleans__ClusteringMode").And.Contain("Orleans__AdvertisedIP").And.Contain("ConnectionStrings__Postgres"));
    }

    [Test]
    public void The_deployment_runs_three_silos_probed_on_the_health_endpoints_advertising_their_pod_ip()
    {
        var deployment = Load(Path.Combine(Infra, "k8s", "deployment.yaml")).Single(d => Scalar(d, "kind") == "Deployment");
        Assert.That(Scalar(deployment, "spec", "replicas"), Is.EqualTo("3"));
        var container = (YamlMappingNode)Sequence(deployment, "spec", "template", "spec", "containers").Single();
        Assert.That(Scalar(container, "readinessProbe", "httpGet", "path"), Is.EqualTo(HealthSetup.ReadyPath));
        Assert.That(Scalar(container, "livenessProbe", "httpGet", "path"), Is.EqualTo(HealthSetup.LivePath));
        var advertised = Sequence(container, "env").Cast<YamlMappingNode>().Single(e => Scalar(e, "name") == "Orleans__AdvertisedIP");
        Assert.That(Scalar(advertised, "valueFrom", "fieldRef", "fieldPath"), Is.EqualTo("status.podIP"));

        var config = Map(Load(Path.Combine(Infra, "k8s", "configmap.yaml")).Single(), "data");
        Assert.That(Scalar(config, "Orleans__ClusteringMode"), Is.EqualTo(nameof(ClusteringMode.AdoNet)));
        var ports = Sequence(container, "ports").Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name"), p => Scalar(p, "containerPort"));
        Assert.That((ports["silo"], ports["gateway"]), Is.EqualTo((Scalar(config, "Orleans__SiloPort"), Scalar(config, "Orleans__GatewayPort"))));
    }

    [Test]
    public void The_compose_file_runs_postgres_and_several_silos_clustered_through_it()
    {
        var services = Map(Load(Path.Combine(Infra, "compose", "compose.yaml")).Single(), "services");
        Assert.That(services.Children.Keys.Select(k => k.ToString()), Is.SupersetOf(new[] { "postgres", "silo", "entry" }));
        var silo = Map(services, "silo");
        Assert.That(int.Parse(Scalar(silo, "deploy", "replicas"), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(3));
        Assert.That(Scalar(silo, "environment", "Orleans__ClusteringMode"), Is.EqualTo(nameof(ClusteringMode.AdoNet)));
        Assert.That(Scalar(silo, "environment", "ConnectionStrings__Postgres"), Does.Contain("Host=postgres"));
        Assert.That(Sequence(silo, "healthcheck", "test").Last().ToString(), Does.Contain(HealthSetup.ReadyPath));
        Assert.That(File.Exists(Path.Combine(Infra, "compose", Scalar(Map(services, "keys"), "build", "dockerfile").Replace("infra/compose/", "", StringComparison.Ordinal))));
    }

    [Test]
    public void The_image_copies_only_what_the_repository_has()
    {
        var copies = File.ReadAllLines(Path.Combine(Infra, "compose", "Dockerfile"))
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();
        Assert.That(copies, Has.Count.GreaterThan(5));
        Assert.That(copies.Where(c => !File.Exists(Path.Combine(RepoPaths.Root, c)) && !Directory.Exists(Path.Combine(RepoPaths.Root, c))), Is.Empty);
        var projects = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/'))
            .Where(p => !p.Contains("SmpAcademy.Cli", StringComparison.Ordinal));
        Assert.That(copies, Is.SupersetOf(projects), "every project the host needs is restored from its own layer");
    }

    /// <summary>Keys the host reads: its Smp:, Auth: and connection-string keys as they appear in the source, the Orleans keys of
    /// <see cref="ClusterSettings"/>, and Orleans' membership options; framework sections (Logging, ASPNETCORE_…) pass as they are.</summary>
    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in SettingLiteral().Matches(text))
                keys.Add(m.Groups[1].Value);
            foreach (Match m in ConnectionStringName().Matches(text))
                keys.Add("ConnectionStrings:" + m.Groups[1].Value);
        }

        foreach (var key in ClusterSettings.Keys)
            keys.Add($"{ClusterSettings.Section}:{key}");
        foreach (var property in typeof(ClusterMembershipOptions).GetProperties())
            keys.Add($"{ClusterSettings.MembershipSection}:{property.Name}");
        Assert.That(keys, Does.Contain("Smp:DataDirectory").And.Contain("Auth:Authority").And.Contain("ConnectionStrings:Postgres"));
        return keys;
    }

    private static bool IsKnown(string key, HashSet<string> known) =>
        known.Contains(key) || key.StartsWith("Logging:", StringComparison.Ordinal) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal);

    private static IEnumerable<string> KubernetesSettings()
    {
        var k8s = Directory.GetFiles(Path.Combine(Infra, "k8s"), "*.yaml").SelectMany(Load).ToList();
        foreach (var config in k8s.Where(d => Scalar(d, "kind") == "ConfigMap"))
        {
            foreach (var key in Map(config, "data").Children.Keys)
                yield return key.ToString();
        }

        foreach (var secret in k8s.Where(d => Scalar(d, "kind") == "Secret" && Scalar(d, "metadata", "name") == "smp-postgres"))
        {
            foreach (var key in Map(secret, "stringData").Children.Keys)
                yield return key.ToString();
        }

        foreach (var deployment in k8s.Where(d => Scalar(d, "kind") == "Deployment"))
        {
            foreach (YamlMappingNode container in Sequence(deployment, "spec", "template", "spec", "containers"))
            {
                foreach (YamlMappingNode env in Sequence(container, "env"))
                    yield return Scalar(env, "name");
            }
        }
    }

    private static IEnumerable<string> ComposeSettings()
    {
        var services = Map(Load(Path.Combine(Infra, "compose", "compose.yaml")).Single(), "services");
        foreach (var (_, service) in services.Children)
        {
            if (((YamlMappingNode)service).Children.TryGetValue(new YamlScalarNode("environment"), out var environment)
                && Scalar((YamlMappingNode)service, "image").StartsWith("smpacademy/", StringComparison.Ordinal))
            {
                foreach (var key in ((YamlMappingNode)environment).Children.Keys)
                    yield return key.ToString();
            }
        }
    }

    private static IEnumerable<string> DockerfileSettings() =>
        DockerEnv().Matches(File.ReadAllText(Path.Combine(Infra, "compose", "Dockerfile"))).Select(m => m.Groups[1].Value);

    private static List<YamlMappingNode> Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
            stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlNode Node(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var step in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(step), out var next))
                return new YamlScalarNode("");
            current = next;
        }

        return current;
    }

    private static string Scalar(YamlMappingNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value ?? "";

    private static YamlMappingNode Map(YamlMappingNode node, params string[] path) => Node(node, path) as YamlMappingNode ?? new YamlMappingNode();

    private static YamlSequenceNode Sequence(YamlMappingNode node, params string[] path) => Node(node, path) as YamlSequenceNode ?? new YamlSequenceNode();

    [GeneratedRegex("\"((?:Smp|Auth):[A-Za-z]+)\"")]
    private static partial Regex SettingLiteral();

    [GeneratedRegex("GetConnectionString\\(\"([A-Za-z]+)\"\\)")]
    private static partial Regex ConnectionStringName();

    [GeneratedRegex(@"(?:ENV |^\s+)([A-Za-z]+__[A-Za-z_]+)=", RegexOptions.Multiline)]
    private static partial Regex DockerEnv();
}
