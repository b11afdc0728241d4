#region README example (README.md shows this block; DocumentationTests checks they match)
using CustomConnector;
using CustomConnector.Samples.DemoApi;
using CustomConnector.Samples.Quickstart;

// A small connector API runs in this process on 127.0.0.1 (a free port): no network, no setup.
await using var demo = await DemoApiServer.StartAsync(CancellationToken.None);

using var client = new ConnectorClient(new ConnectorClientOptions { BaseAddress = demo.BaseAddress });
var json = QuickstartJsonContext.Default; // source-generated, JsonSerializerDefaults.Web

// Endpoints are defined once (the URI template is parsed here) and bound per call, which costs next to nothing.
var listWings = ConnectorEndpoint.Get("wings").WithName("listWings").Build();
var createWing = ConnectorEndpoint.Post("wings").WithName("createWing").BuildTemplate();
var getWing = ConnectorEndpoint.Get("wings/{id}").WithName("getWing").BuildTemplate();

// 1. GET: {"data": [...]} arrives as Data.
Wing[] wings = (await client.SendAsync(listWings, json.WingArray)).GetDataOrThrow();
Console.WriteLine($"1. GET wings -> {wings.Length} wings, the first is {wings[0]}");

// 2. POST with a JSON body: 201 {"data": {...}} with the new wing.
Wing created = (await client.SendAsync(createWing.Bind().WithJsonBody(new WingInput("Delta Wing"), json.WingInput), json.Wing)).GetDataOrThrow();
Console.WriteLine($"2. POST wings -> created {created}");

// 3. A 404 error envelope becomes a NotFoundException when you ask for the data.
try
{
    Wing wing = (await client.SendAsync(getWing.Bind("id", 7), json.Wing)).GetDataOrThrow();
    Console.WriteLine($"3. GET wings/7 -> {wing}");
}
catch (NotFoundException exception)
{
    Console.WriteLine($"3. GET wings/7 -> {exception.GetType().Name}: {exception.Message}");
}
#endregion

Console.WriteLine($"   (the demo API ran at {demo.BaseAddress})");

// 4. An update answers 204 without a body: the result is Empty.
var renameWing = ConnectorEndpoint.Post("wings/{id}").WithName("renameWing")
    .WithPathParameter("id", created.Id)
    .WithJsonBody(new WingInput("Delta Wing Mk II"), json.WingInput)
    .Build();
ConnectorResult<Wing> renamed = await client.SendAsync(renameWing, json.Wing);
Console.WriteLine($"4. POST wings/{created.Id} -> {renamed.Kind} ({(int)renamed.StatusCode} {renamed.StatusCode})");

// 5. A 400 validation error, read without any exception through Match.
ConnectorResult<Wing> rejected = await client.SendAsync(createWing.Bind().WithJsonBody(new WingInput(Name: null), json.WingInput), json.Wing);
string outcome = rejected.Match(
    onEmpty: () => "no content",
    onData: wing => $"created {wing}",
    onError: error => $"error, code {error.Code}: {error.Description}");
Console.WriteLine($"5. POST wings without a name -> {outcome}");

// 6. An API-key protected endpoint. The key is only ever sent to the base address's origin.
var getHangar = ConnectorEndpoint.Get("secure/hangar").WithName("getHangar").Build();
ConnectorResult<Hangar> withoutKey = await client.SendAsync(getHangar, json.Hangar);
Console.WriteLine($"6. GET secure/hangar without a key -> {withoutKey.Kind} ({(int)withoutKey.StatusCode}): {withoutKey.Error?.Description}");

using var keyClient = new ConnectorClient(new ConnectorClientOptions
{
    BaseAddress = demo.BaseAddress,
    Authentication = new ApiKeyProvider(DemoApiServer.ApiKeyHeaderName, DemoApiServer.ApiKey, ApiKeyLocation.Header),
});
Hangar hangar = (await keyClient.SendAsync(getHangar, json.Hangar)).GetDataOrThrow();
Console.WriteLine($"   GET secure/hangar with {DemoApiServer.ApiKeyHeaderName} -> {hangar}");

// 7. OAuth2 client credentials: the token is fetched once, cached, and fetched again after a 401.
using var oauth = new OAuth2ClientCredentialsProvider(new OAuth2ClientCredentialsOptions
{
    TokenEndpoint = demo.TokenEndpoint,
    ClientId = DemoApiServer.ClientId,
    ClientSecret = DemoApiServer.ClientSecret,
});
using var oauthClient = new ConnectorClient(new ConnectorClientOptions { BaseAddress = demo.BaseAddress, Authentication = oauth });
var listFlights = ConnectorEndpoint.Get("secure/flights").WithName("listFlights").Build();
Flight[] flights = (await oauthClient.SendAsync(listFlights, json.FlightArray)).GetDataOrThrow();
flights = (await oauthClient.SendAsync(listFlights, json.FlightArray)).GetDataOrThrow();
Console.WriteLine($"7. GET secure/flights twice with OAuth2 -> {flights.Length} flights, {demo.TokensIssued} token request");
demo.RevokeTokens();
flights = (await oauthClient.SendAsync(listFlights, json.FlightArray)).GetDataOrThrow();
Console.WriteLine($"   after the server revoked the token -> {flights.Length} flights, {demo.TokensIssued} token requests in all (401, new token, retry)");

// 8. Paging: the demo API pages GET wings on ?page=&pageSize=; PaginateAsync walks every page as one stream of items.
var pageByPage = Pagination.PageNumber("page", pageSizeParameter: "pageSize", pageSize: 2);
var paged = new List<Wing>();
await foreach (Wing each in client.PaginateAsync(listWings, pageByPage, json.Wing))
{
    paged.Add(each);
}

Console.WriteLine($"8. GET wings, 2 a page -> {paged.Count} wings: {string.Join(", ", paged.Select(wing => wing.Name))}");

// The quickstart doubles as a smoke test in CI: fail if a step did not go as described above.
var asDescribed = wings.Length >= 2
    && renamed.Kind == ConnectorResultKind.Empty
    && rejected.Error?.Code == "400"
    && withoutKey.StatusCode == System.Net.HttpStatusCode.Unauthorized
    && demo.TokensIssued == 2
    && paged.Count == wings.Length + 1; // the wing created in step 2 included
Console.WriteLine();
Console.WriteLine(asDescribed ? "Done." : "Some step did not go as described.");
return asDescribed ? 0 : 1;
