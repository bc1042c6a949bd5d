using Azure.Storage.Queues.Models;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Imports;

/// <summary>
/// The queue functions of CSV imports. A RetryLaterException fails the invocation on purpose: the host shows the
/// message again after host.json's visibilityTimeout (the job resumes from its checkpoint), and after maxDequeueCount
/// attempts moves it to the poison queue, whose function fails the job for good.
/// </summary>
public sealed class ImportQueueFunctions(RunImport run, ILogger<ImportQueueFunctions> logger)
{
    public const string PoisonQueue = StorageNames.ImportQueue + "-poison";

    [Function("RunImport")]
    public async Task RunImportJob([QueueTrigger(StorageNames.ImportQueue)] QueueMessage message, CancellationToken ct) =>
        logger.LogInformation("{Outcome}", await run.RunAsync(message.Body.ToString(), message.DequeueCount, ct));

    [Function("RunImportPoison")]
    public async Task RunImportPoison([QueueTrigger(PoisonQueue)] string message, CancellationToken ct) =>
        logger.LogInformation("{Outcome}", await run.FailAsync(message, ct));
}
