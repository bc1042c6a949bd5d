namespace MentoringFunctions.Hosting;

public static class FunctionInvocationEndpoints
{
    /// <summary>
    /// POST /&lt;FunctionName&gt; for every timer and queue function: the custom-handler contract.
    /// No HTTP function.json route accepts POST on these paths, so the host never forwards a
    /// public request here.
    /// </summary>
    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        foreach (var function in app.ServiceProvider.GetServices<IFunction>())
        {
            app.MapPost($"/{function.Name}", async (InvocationRequest request, ILoggerFactory loggers, CancellationToken ct) =>
            {
                var result = await InvokeSafelyAsync(function, request, loggers.CreateLogger(function.Name), ct);
                var response = InvocationResponse.WithLogs([.. result.Logs]);
                return result.Succeeded ? Results.Ok(response) : Results.Json(response, statusCode: StatusCodes.Status500InternalServerError);
            }).ExcludeFromDescription();
        }
        return app;
    }

    /// <summary>An unexpected exception is a transient failure: answer "retry", never crash the host.</summary>
    public static async Task<InvocationResult> InvokeSafelyAsync(IFunction function, InvocationRequest request, ILogger logger, CancellationToken ct)
    {
        try
        {
            var result = await function.InvokeAsync(request, ct);
            foreach (var line in result.Logs) logger.LogInformation("{Function}: {Log}", function.Name, line);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "{Function} failed", function.Name);
            return InvocationResult.Retry($"{function.Name} failed: {ex.Message}");
        }
    }
}
