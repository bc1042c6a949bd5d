// The Flex Consumption plan and the Function App (.NET 10 isolated worker). Everything the host and
// the app reach (storage, Application Insights, Key Vault) is reached as the user-assigned identity.
param name string
param planName string
param location string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param maximumInstanceCount int
param adminKeyUri string
param linksSecretUri string
param sendGridApiKeyUri string
param senderAddress string
param senderName string
param publicBaseUrl string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Without this, Key Vault references are resolved with a system-assigned identity the app lacks.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // FUNCTIONS_WORKER_RUNTIME and WEBSITE_RUN_FROM_PACKAGE are rejected on Flex: the runtime
      // comes from functionAppConfig.runtime and the package from functionAppConfig.deployment.
      appSettings: [
        // Identity-based host storage. No plain AzureWebJobsStorage, not even empty: the host would read it instead.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        // Application Insights has local auth off: telemetry must carry an Entra token for the identity.
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'Admin__Key', value: '@Microsoft.KeyVault(SecretUri=${adminKeyUri})' }
        { name: 'Links__Secret', value: '@Microsoft.KeyVault(SecretUri=${linksSecretUri})' }
        { name: 'SendGrid__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${sendGridApiKeyUri})' }
        { name: 'Email__From', value: senderAddress }
        { name: 'Email__FromName', value: senderName }
        { name: 'Email__PublicBaseUrl', value: publicBaseUrl }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
