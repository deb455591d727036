using System.Net;
using System.Text.Json.Nodes;
using SmpAcademy.Host.Accounts;
using SmpAcademy.Host.Tests.Auth;

namespace SmpAcademy.Host.Tests.OpenApi;

/// <summary>
/// The document a default install serves (its own accounts, no demo issuer) passes the same lint and rules as the
/// demo one, and describes the sign-in operations' refusals.
/// </summary>
public class AccountsContractDocumentTests : AccountsFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Smp__PublicUrl"] = "https://academy.smp.test" };

    [Test]
    public async Task The_default_installs_document_lints_clean_and_states_its_sign_in_refusals()
    {
        var document = await (await Anonymous().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        Assert.That(paths.Select(p => p.Key), Does.Contain(AccountEndpoints.PasswordPath).And.Contain(AccountEndpoints.SetupPath).And.No.Contain("/api/dev/tokens"));
        ContractDocumentTests.AssertWhoMayCallEach(document);
        Assert.That(paths[AccountEndpoints.SetupPath]!["post"]!["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "200", "400", "403", "409", "429" }));

        var work = Directory.CreateTempSubdirectory("smp-openapi-accounts-").FullName;
        try
        {
            var file = Path.Combine(work, "openapi.json");
            await File.WriteAllTextAsync(file, document.ToJsonString());
            var allowed = ContractDocumentTests.NeverRefuse.Select(path => $"warn operation-4xx-response at #/paths/{path.Replace("/", "~1", StringComparison.Ordinal)}/get/responses");
            Assert.That(await ContractDocumentTests.RedoclyProblemsAsync(file), Is.EquivalentTo(allowed));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
