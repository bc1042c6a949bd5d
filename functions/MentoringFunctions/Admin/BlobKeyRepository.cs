using System.Xml.Linq;
using Azure.Storage.Blobs;
using MentoringFunctions.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace MentoringFunctions.Admin;

/// <summary>
/// ASP.NET Core's data-protection keys (which encrypt the sign-in cookie) in the app's blob storage: every Flex
/// instance, and both hosts in a local run, must read a cookie another one wrote, and keys on an instance's disk
/// would vanish with it. One blob per key; the framework only ever adds keys, and its interface is synchronous.
/// </summary>
public sealed class BlobKeyRepository(BlobServiceClient blobs) : IXmlRepository
{
    private BlobContainerClient Container => blobs.GetBlobContainerClient(StorageNames.DataProtection);

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        Container.CreateIfNotExists();
        return Container.GetBlobs().Select(b => XElement.Parse(Container.GetBlobClient(b.Name).DownloadContent().Value.Content.ToString()))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        Container.CreateIfNotExists();
        Container.GetBlobClient($"{friendlyName}.xml").Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)),
            overwrite: true);
    }
}

public static class DataProtectionStorage
{
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("MentoringFunctions");
        services.AddOptions<KeyManagementOptions>().Configure<BlobServiceClient>((o, blobs) => o.XmlRepository = new BlobKeyRepository(blobs));
        return services;
    }
}
