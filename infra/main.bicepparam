// Example parameters. Secrets come from the environment so they never land in a file:
//   export ADMIN_KEY=$(openssl rand -hex 24) LINKS_SECRET=$(openssl rand -hex 32) SENDGRID_API_KEY=SG....
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
using 'main.bicep'

param name = 'mentoring'
param senderAddress = 'mentoring@example.org'
param senderName = 'Mentoring programme'
param maximumInstanceCount = 40

param adminKey = readEnvironmentVariable('ADMIN_KEY')
param linksSecret = readEnvironmentVariable('LINKS_SECRET')
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY')
