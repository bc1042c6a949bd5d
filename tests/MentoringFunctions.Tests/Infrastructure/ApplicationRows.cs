using Azure.Data.Tables;
using MentoringFunctions.Applications;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Tests.Infrastructure;

/// <summary>A cohort's application rows as stored, across the cohort's partitions (its e-mail buckets).</summary>
internal static class ApplicationRows
{
    public static IAsyncEnumerable<ApplicationEntity> Of(TableServiceClient tables, string cohort)
    {
        var (from, below) = ApplicationEntity.PartitionRange(cohort);
        return tables.GetTableClient(StorageNames.Applications)
            .QueryAsync<ApplicationEntity>(e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(below) < 0);
    }
}
