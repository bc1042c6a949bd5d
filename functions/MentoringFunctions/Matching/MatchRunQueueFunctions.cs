using Azure.Storage.Queues.Models;
using MentoringFunctions.Storage;

namespace MentoringFunctions.Matching;

/// <summary>
/// The queue functions of match runs. A RetryLaterException fails the invocation on purpose: the
/// host makes the message visible again after host.json's visibilityTimeout, and after
/// maxDequeueCount attempts moves it to the poison queue, whose function fails the run for good.
/// </summary>
public sealed class MatchRunQueueFunctions(RunMatching running, RunMatchingPoison poison, ILogger<MatchRunQueueFunctions> logger)
{
    public const string PoisonQueue = StorageNames.MatchQueue + "-poison";

    [Function("RunMatching")]
    public async Task RunMatching([QueueTrigger(StorageNames.MatchQueue)] QueueMessage message, CancellationToken ct) =>
        logger.LogInformation("{Outcome}", await running.RunAsync(message.Body.ToString(), message.DequeueCount, ct));

    [Function("RunMatchingPoison")]
    public async Task RunMatchingPoison([QueueTrigger(PoisonQueue)] string message, CancellationToken ct) =>
        logger.LogInformation("{Outcome}", await poison.FailAsync(message, ct));
}
