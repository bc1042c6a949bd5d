// The app's three secrets. Access is by Azure RBAC only (no access policies), so the app's identity
// reads them through the Key Vault Secrets User role and nothing else.
param name string
param location string

@secure()
param adminKey string
@secure()
param linksSecret string
@secure()
param sendGridApiKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // Short, so a deleted resource group can be redeployed under the same name within a week.
    // Purge protection is left unset: once on it cannot be turned off, and it blocks that purge.
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'admin-key'
  properties: {
    value: adminKey
  }
}

resource linksSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'links-secret'
  properties: {
    value: linksSecret
  }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
  }
}

output name string = vault.name
// Versionless URIs: app settings then follow the latest version of a secret after a rotation.
output adminKeyUri string = adminKeySecret.properties.secretUri
output linksSecretUri string = linksSecretSecret.properties.secretUri
output sendGridApiKeyUri string = sendGridApiKeySecret.properties.secretUri
