using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using CustomConnector;
using CustomConnector.Samples.Aot;
using CustomConnector.Samples.DemoApi;

// The same kind of calls as the quickstart, in a program that `dotnet publish` compiles to native code
// (PublishAot): only JsonTypeInfo overloads, with metadata generated at compile time.
var sinceMain = Stopwatch.StartNew();
bool asDescribed;
TimeSpan apiUp;
TimeSpan firstResponse;
await using (var demo = await DemoApiServer.StartAsync(CancellationToken.None))
{
    apiUp = sinceMain.Elapsed;
    using var client = new ConnectorClient(new ConnectorClientOptions { BaseAddress = demo.BaseAddress });
    var json = AotJsonContext.Default;

    // 1. GET with a path parameter.
    var getWing = ConnectorEndpoint.Get("wings/{id}").WithName("getWing").WithPathParameter("id", 1001).Build();
    Wing wing = (await client.SendAsync(getWing, json.Wing)).GetDataOrThrow();
    firstResponse = sinceMain.Elapsed;
    Console.WriteLine($"1. GET wings/1001 -> {wing}");

    // 2. POST with a JSON body serialized from the generated metadata.
    var createWing = ConnectorEndpoint.Post("wings").WithName("createWing")
        .WithJsonBody(new WingInput("Delta Wing"), json.WingInput)
        .Build();
    Wing created = (await client.SendAsync(createWing, json.Wing)).GetDataOrThrow();
    Console.WriteLine($"2. POST wings -> created {created}");

    // 3. An error read as a result, without an exception.
    var getMissing = ConnectorEndpoint.Get("wings/{id}").WithName("getWing").WithPathParameter("id", 7).Build();
    ConnectorResult<Wing> missing = await client.SendAsync(getMissing, json.Wing);
    Console.WriteLine($"3. GET wings/7 -> {missing.Kind}, code {missing.Error?.Code}: {missing.Error?.Description}");

    // 4. Paging: two wings a page, every page through the same pipeline.
    var listWings = ConnectorEndpoint.Get("wings").WithName("listWings").Build();
    var strategy = Pagination.PageNumber("page", pageSizeParameter: "pageSize", pageSize: 2);
    var names = new List<string>();
    await foreach (Wing each in client.PaginateAsync(listWings, strategy, json.Wing))
    {
        names.Add(each.Name);
    }

    Console.WriteLine($"4. GET wings, 2 a page -> {names.Count} wings: {string.Join(", ", names)}");

    asDescribed = wing.Id == 1001
        && created.Name == "Delta Wing"
        && missing.Error?.Code == "404"
        && names.Count == 3 && names[2] == "Delta Wing";
}

// Measured from the start of Main: the runtime starts before it (a few ms native, more on the JIT).
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"Timing ({(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "native AOT")}): demo API up {apiUp.TotalMilliseconds:F0} ms, first response {firstResponse.TotalMilliseconds:F0} ms, done {sinceMain.Elapsed.TotalMilliseconds:F0} ms after Main started."));
Console.WriteLine(asDescribed ? "Done." : "Some step did not go as described.");
return asDescribed ? 0 : 1;
