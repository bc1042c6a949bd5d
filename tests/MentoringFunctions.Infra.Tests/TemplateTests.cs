using System.Text.Json;

namespace MentoringFunctions.Infra.Tests;

/// <summary>What the compiled ARM JSON deploys: the facts Azure needs for a .NET 10 isolated app on Flex
/// Consumption with identity-only access. Checked on the output, not the source, so modules count.</summary>
public class TemplateTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private const string KeyVaultReference = "@Microsoft.KeyVault(SecretUri=";

    [Fact]
    public void Plan_is_flex_consumption()
    {
        var plan = template.Single("Microsoft.Web/serverfarms").Resource;

        Assert.Equal("FC1", plan.Get("sku").Get("name").GetString());
        Assert.Equal("FlexConsumption", plan.Get("sku").Get("tier").GetString());
        Assert.True(plan.Get("properties").Get("reserved").GetBoolean());
    }

    [Fact]
    public void Site_runs_dotnet_isolated_10_with_a_cap_and_identity_deployment_storage()
    {
        var site = template.Single("Microsoft.Web/sites");
        var config = site.Properties.Get("functionAppConfig");

        Assert.Equal("functionapp,linux", site.Resource.Get("kind").GetString());
        Assert.Equal("dotnet-isolated", config.Get("runtime").Get("name").GetString());
        Assert.Equal("10.0", config.Get("runtime").Get("version").GetString());
        var scale = config.Get("scaleAndConcurrency");
        Assert.Equal(2048, scale.Get("instanceMemoryMB").GetInt32());
        Assert.Equal("[parameters('maximumInstanceCount')]", scale.Get("maximumInstanceCount").GetString());
        var storage = config.Get("deployment").Get("storage");
        Assert.Equal("blobContainer", storage.Get("type").GetString());
        var authentication = storage.Get("authentication");
        Assert.Equal("UserAssignedIdentity", authentication.Get("type").GetString());
        Assert.Equal("[parameters('identityId')]", authentication.Get("userAssignedIdentityResourceId").GetString());
    }

    [Fact]
    public void Site_is_https_only_with_tls_12_no_ftp_and_a_key_vault_identity()
    {
        var site = template.Single("Microsoft.Web/sites");

        Assert.True(site.Properties.Get("httpsOnly").GetBoolean());
        Assert.Equal("1.2", site.Properties.Get("siteConfig").Get("minTlsVersion").GetString());
        Assert.Equal("Disabled", site.Properties.Get("siteConfig").Get("ftpsState").GetString());
        Assert.Equal("UserAssigned", site.Resource.Get("identity").Get("type").GetString());
        Assert.Equal("[parameters('identityId')]", site.Properties.Get("keyVaultReferenceIdentity").GetString());
    }

    [Fact]
    public void Storage_account_takes_no_shared_keys_and_no_anonymous_reads()
    {
        var account = template.Single("Microsoft.Storage/storageAccounts").Properties;

        Assert.False(account.Get("allowSharedKeyAccess").GetBoolean());
        Assert.False(account.Get("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", account.Get("minimumTlsVersion").GetString());
        Assert.True(account.Get("supportsHttpsTrafficOnly").GetBoolean());
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts")] // Blob Data Owner
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts")] // Queue Data Contributor
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts")] // Table Data Contributor
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components")] // Metrics Publisher
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults")] // Key Vault Secrets User
    public void Identity_holds_the_role_on_the_resource_that_needs_it(string roleId, string scopeType)
    {
        var assignment = Assert.Single(template.OfType("Microsoft.Authorization/roleAssignments"),
            a => a.Resolve(a.Properties.Get("roleDefinitionId").GetString()!).Contains(roleId));

        Assert.Contains($"'{scopeType}'", assignment.Resource.Get("scope").GetString());
        Assert.Equal("ServicePrincipal", assignment.Properties.Get("principalType").GetString());
        Assert.StartsWith("[guid(", assignment.Name);
        Assert.Contains(roleId, assignment.Resolve(assignment.Name));
    }

    [Fact]
    public void Host_storage_is_identity_based()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.EndsWith($".primaryEndpoints.{service}]", settings[$"AzureWebJobsStorage__{service}ServiceUri"]);
        }
        // Either would override or break the identity-based connection; Flex rejects the last two.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
    }

    [Fact]
    public void Telemetry_authenticates_as_the_identity()
    {
        var settings = AppSettings();

        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        var insights = template.Single("Microsoft.Insights/components").Properties;
        Assert.True(insights.Get("DisableLocalAuth").GetBoolean());
        Assert.StartsWith("[", insights.Get("WorkspaceResourceId").GetString()); // workspace-based
    }

    [Theory]
    [InlineData("Admin__Key")]
    [InlineData("Links__Secret")]
    [InlineData("SendGrid__ApiKey")]
    public void Secrets_reach_the_app_as_key_vault_references(string setting) =>
        Assert.Contains(KeyVaultReference, AppSettings()[setting]);

    [Theory]
    [InlineData("Email__From", "senderAddress")]
    [InlineData("Email__FromName", "senderName")]
    [InlineData("Email__PublicBaseUrl", "publicBaseUrl")]
    public void Email_settings_come_from_parameters(string setting, string parameter) =>
        Assert.Equal($"[parameters('{parameter}')]", AppSettings()[setting]);

    [Theory]
    [InlineData("admin-key", "adminKey")]
    [InlineData("links-secret", "linksSecret")]
    [InlineData("sendgrid-api-key", "sendGridApiKey")]
    public void Key_vault_holds_each_secret_from_a_secure_parameter(string secret, string parameter)
    {
        var vault = template.Single("Microsoft.KeyVault/vaults").Properties;
        Assert.True(vault.Get("enableRbacAuthorization").GetBoolean());
        Assert.True(vault.Get("enableSoftDelete").GetBoolean());

        var stored = Assert.Single(template.OfType("Microsoft.KeyVault/vaults/secrets"),
            s => s.Name.Contains($"'{secret}'"));
        Assert.Equal($"[parameters('{parameter}')]", stored.Properties.Get("value").GetString());
        var declared = template.Root.Get("parameters").Get(parameter);
        Assert.Equal("securestring", declared.Get("type").GetString());
    }

    private Dictionary<string, string> AppSettings() =>
        template.Single("Microsoft.Web/sites").Properties.Get("siteConfig").Get("appSettings")
            .EnumerateArray()
            .ToDictionary(s => s.Get("name").GetString()!, s => s.Get("value").GetString()!);
}
