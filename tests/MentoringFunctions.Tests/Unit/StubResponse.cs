using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace MentoringFunctions.Tests.Unit;

/// <summary>A bare 204 from the Table service, optionally with the new ETag header a write returns.</summary>
public sealed class StubResponse(string? etag = null) : Response
{
    public override int Status => 204;
    public override string ReasonPhrase => "No Content";
    public override Stream? ContentStream { get; set; }
    public override string ClientRequestId { get; set; } = "";
    public override void Dispose() { }

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = name == "ETag" ? etag : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out var v) ? [v] : null;
        return values is not null;
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => etag is null ? [] : [new HttpHeader("ETag", etag)];
}
