using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;

namespace MentoringFunctions.Email;

/// <summary>
/// Asks the SendEmail queue function to deliver freshly queued e-mails now rather than at the next minute's
/// DeliverOutbox pass. Signals from concurrent requests share queue messages (group commit): while one message
/// is being sent, the signals that arrive wait and then go together in the next, so a quiet instance sends
/// one message per e-mail at once and a busy one sends a message per round trip, not per e-mail.
/// A caller waits until its signal has been sent (or failed), so nothing is left in memory when it answers; a
/// signal lost with the instance only delays the e-mail to the next pass, because its due row is written first.
/// </summary>
public sealed class PromptSignals(QueueClient queue, ILogger logger)
{
    /// <summary>
    /// A queue message holds 64 KB; kept to half, so host.json's base64 encoding (4/3 larger) still fits.
    /// </summary>
    public const int MaxMessageChars = 32_000;

    private readonly Lock _gate = new();
    private List<(OutboxPointer Pointer, TaskCompletionSource Sent)> _waiting = [];
    private bool _sending;

    /// <summary>Completes once the signal is on the queue, or could not be put there (logged; the timer is the backstop).</summary>
    public Task SignalAsync(OutboxPointer pointer, CancellationToken ct)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_gate)
        {
            _waiting.Add((pointer, sent));
            lead = !_sending;
            _sending = true;
        }
        // The first signal of a quiet spell starts the sender; the rest join whatever it sends next.
        if (lead) _ = Task.Run(SendWaitingAsync, CancellationToken.None);
        return sent.Task.WaitAsync(ct);
    }

    private async Task SendWaitingAsync()
    {
        while (true)
        {
            List<(OutboxPointer Pointer, TaskCompletionSource Sent)> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }
                (batch, _waiting) = (_waiting, []);
            }
            await Task.WhenAll(Pack(batch.Select(w => w.Pointer).ToList(), MaxMessageChars).Select(SendAsync));
            foreach (var waiter in batch) waiter.Sent.TrySetResult();
        }
    }

    private async Task SendAsync(string message)
    {
        try
        {
            await queue.SendMessageAsync(message, CancellationToken.None);
        }
        catch (Exception ex)   // whatever went wrong, the sender must go on; the e-mails are stored and indexed
        {
            logger.LogWarning(ex, "Could not ask for prompt delivery: {Message}", message);
        }
    }

    /// <summary>
    /// The pointers as queue messages of at most <paramref name="maxChars"/> each: a lone pointer as a JSON object
    /// (as before signals were shared), several as a JSON array.
    /// </summary>
    public static IReadOnlyList<string> Pack(IReadOnlyList<OutboxPointer> pointers, int maxChars)
    {
        var messages = new List<string>();
        var group = new List<string>();
        var length = 2;   // the array's brackets
        foreach (var json in pointers.Select(p => JsonSerializer.Serialize(p)))
        {
            if (group.Count > 0 && length + 1 + json.Length > maxChars)
            {
                messages.Add(Message(group));
                (group, length) = ([], 2);
            }
            group.Add(json);
            length += json.Length + 1;
        }
        if (group.Count > 0) messages.Add(Message(group));
        return messages;
    }

    private static string Message(List<string> group) =>
        group.Count == 1 ? group[0] : new StringBuilder("[").AppendJoin(',', group).Append(']').ToString();

    /// <summary>The pointers of a message <see cref="Pack"/> made; null for anything else.</summary>
    public static IReadOnlyList<OutboxPointer>? Read(string? text)
    {
        try
        {
            var trimmed = text?.TrimStart();
            if (string.IsNullOrEmpty(trimmed)) return null;
            var pointers = trimmed[0] == '['
                ? JsonSerializer.Deserialize<List<OutboxPointer?>>(trimmed)
                : [JsonSerializer.Deserialize<OutboxPointer?>(trimmed)];
            return pointers is { Count: > 0 } && pointers.All(p => p is { PartitionKey.Length: > 0, RowKey.Length: > 0 })
                ? pointers.Select(p => p!).ToList()
                : null;
        }
        catch (JsonException) { return null; }
    }
}
