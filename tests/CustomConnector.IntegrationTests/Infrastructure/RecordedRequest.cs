using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomConnector.IntegrationTests;

/// <summary>What a <see cref="LoopbackServer"/> received: the evidence redirect and credential tests assert on.</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
    }

    public string Method { get; }

    /// <summary>Gets the path, without the query.</summary>
    public string Path { get; }

    /// <summary>Gets the raw query, with its leading '?' when there is one.</summary>
    public string Query { get; }

    /// <summary>Gets the headers (case-insensitive names; repeated headers joined with commas).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Gets every value of a query parameter, decoded; empty when it is absent.</summary>
    public string[] QueryValues(string name) =>
        QueryHelpers.ParseQuery(Query).TryGetValue(name, out var values) ? Array.ConvertAll(values.ToArray(), value => value ?? string.Empty) : [];

    public override string ToString() => $"{Method} {Path}{Query}";
}
