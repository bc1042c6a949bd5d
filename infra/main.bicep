// The Mentoring Functions app on Flex Consumption: one resource group, one user-assigned identity for
// storage, monitoring and Key Vault, no shared keys anywhere. See README.md for the deploy steps.
targetScope = 'resourceGroup'

@description('Base name (lowercase letters, digits, hyphens) from which resource names are derived.')
@minLength(2)
@maxLength(20)
param name string

@description('Azure region; must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('The From address of e-mails; it must be a verified sender in SendGrid.')
param senderAddress string

@description('The From name of e-mails.')
param senderName string = 'Mentoring programme'

@description('Public address used in links in e-mails. Empty means the app\'s own https://<app>.azurewebsites.net.')
param publicBaseUrl string = ''

@description('Upper bound on instances: Flex bills per use, this caps what a burst or an attack can cost.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('The working group\'s secret for the admin API and pages (X-Admin-Key).')
@secure()
@minLength(16)
param adminKey string

@description('Signs links in e-mails; changing it breaks every link already sent.')
@secure()
@minLength(32)
param linksSecret string

@description('SendGrid API key with Mail Send permission.')
@secure()
@minLength(1)
param sendGridApiKey string

// uniqueString keeps the globally unique names (storage, Key Vault, app) stable per resource group.
var token = uniqueString(resourceGroup().id)
var compact = toLower(replace(name, '-', ''))
var appName = 'func-${toLower(name)}-${token}'
var storageAccountName = 'st${take(compact, 9)}${token}'
var keyVaultName = 'kv${take(compact, 9)}${token}'
var deploymentContainerName = 'app-package'
var baseUrl = empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net' : publicBaseUrl

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${toLower(name)}-${token}'
  location: location
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${toLower(name)}-${token}'
    applicationInsightsName: 'appi-${toLower(name)}-${token}'
    location: location
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    adminKey: adminKey
    linksSecret: linksSecret
    sendGridApiKey: sendGridApiKey
  }
}

module rbac 'rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.properties.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

module function 'app/function.bicep' = {
  name: 'function'
  // The host reads storage and Key Vault with the identity as soon as it starts: grant first.
  dependsOn: [rbac]
  params: {
    name: appName
    planName: 'plan-${toLower(name)}-${token}'
    location: location
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    maximumInstanceCount: maximumInstanceCount
    adminKeyUri: keyVault.outputs.adminKeyUri
    linksSecretUri: keyVault.outputs.linksSecretUri
    sendGridApiKeyUri: keyVault.outputs.sendGridApiKeyUri
    senderAddress: senderAddress
    senderName: senderName
    publicBaseUrl: baseUrl
  }
}

output functionAppName string = function.outputs.name
output defaultHostName string = function.outputs.defaultHostName
output keyVaultName string = keyVault.outputs.name
output storageAccountName string = storage.outputs.name
