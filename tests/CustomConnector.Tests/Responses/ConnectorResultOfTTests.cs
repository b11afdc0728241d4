using System.Net;

namespace CustomConnector.Tests.Responses;

/// <summary>Tests of <see cref="ConnectorResult{T}"/>.</summary>
public sealed class ConnectorResultOfTTests
{
    private static readonly Wing SomeWing = new(7, "Seven");

    public static TheoryData<string> Kinds => ["empty", "data", "error"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Match_EachKind_CallsOnlyItsFunction(string kind)
    {
        var result = Create(kind);
        var calls = new List<string>();

        var value = result.Match(
            onEmpty: () => { calls.Add("empty"); return "E"; },
            onData: wing => { calls.Add("data"); return $"D:{wing.Name}"; },
            onError: error => { calls.Add("error"); return $"X:{error.Code}"; });

        Assert.Equal([kind], calls);
        Assert.Equal(kind switch { "empty" => "E", "data" => "D:Seven", _ => "X:404" }, value);
    }

    [Fact]
    public void Match_NullFunction_ThrowsArgumentNullException()
    {
        var result = ConnectorResult.Empty<Wing>();

        Assert.Throws<ArgumentNullException>(() => result.Match(null!, _ => 1, _ => 2));
        Assert.Throws<ArgumentNullException>(() => result.Match(() => 0, null!, _ => 2));
        Assert.Throws<ArgumentNullException>(() => result.Match(() => 0, _ => 1, null!));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Switch_OnKindAndProperties_SelectsTheMatchingArm(string kind)
    {
        var result = Create(kind);

        var description = result switch
        {
            { Kind: ConnectorResultKind.Data, Data: { } wing } => $"wing {wing.Name}",
            { Kind: ConnectorResultKind.Error, Error.Code: "404" } => "missing",
            { Kind: ConnectorResultKind.Error } => "other error",
            { Kind: ConnectorResultKind.Empty, StatusCode: HttpStatusCode.NoContent } => "nothing",
            _ => "unexpected",
        };

        Assert.Equal(kind switch { "empty" => "nothing", "data" => "wing Seven", _ => "missing" }, description);
    }

    [Theory]
    [InlineData("empty", true, false, false)]
    [InlineData("data", false, true, false)]
    [InlineData("error", false, false, true)]
    public void Flags_MatchKind(string kind, bool isEmpty, bool isData, bool isError)
    {
        var result = Create(kind);

        Assert.Equal(isEmpty, result.IsEmpty);
        Assert.Equal(isData, result.IsData);
        Assert.Equal(isError, result.IsError);
    }

    [Fact]
    public void IsData_True_DataIsUsableWithoutNullCheck()
    {
        var result = Create("data");

        // [MemberNotNullWhen] makes this compile without '!' under warnings-as-errors.
        var name = result.IsData ? result.Data.Name : "none";

        Assert.Equal("Seven", name);
    }

    [Fact]
    public void GetDataOrThrow_Data_ReturnsData()
    {
        Assert.Same(SomeWing, Create("data").GetDataOrThrow());
    }

    [Fact]
    public void GetDataOrThrow_Empty_ThrowsConnectorExceptionSayingNoDataCame()
    {
        var result = ConnectorResult.Empty<Wing>(HttpStatusCode.NoContent);

        var exception = Assert.Throws<ConnectorException>(result.GetDataOrThrow);

        Assert.IsType<ConnectorException>(exception);
        Assert.Contains("no data", exception.Message, StringComparison.Ordinal);
        Assert.Contains("204", exception.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, exception.StatusCode);
    }

    [Fact]
    public async Task GetDataOrThrow_EmptyFromClient_NamesTheEndpoint()
    {
        using var connector = TestConnector.NoContent();
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/7").WithName("getWing").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ConnectorException>(result.GetDataOrThrow);

        Assert.Equal("getWing", exception.EndpointName);
        Assert.Contains("GET https://api.test/v1/wings/7 (getWing) returned no data", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetDataOrThrow_Error_ThrowsTypedException()
    {
        var exception = Assert.Throws<NotFoundException>(() => Create("error").GetDataOrThrow());

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Equal("Wing 7 does not exist.", exception.Error!.Description);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("data")]
    public void EnsureSuccess_NotError_DoesNotThrow(string kind)
    {
        var exception = Record.Exception(Create(kind).EnsureSuccess);

        Assert.Null(exception);
    }

    [Fact]
    public void EnsureSuccess_Error_ThrowsTypedException()
    {
        Assert.Throws<NotFoundException>(Create("error").EnsureSuccess);
    }

    [Fact]
    public void ToException_ReturnsExceptionOnlyForError()
    {
        Assert.Null(Create("empty").ToException());
        Assert.Null(Create("data").ToException());
        Assert.IsType<NotFoundException>(Create("error").ToException());
    }

    [Fact]
    public void ToString_DescribesKindStatusAndError()
    {
        Assert.Equal("Empty (204 NoContent)", Create("empty").ToString());
        Assert.Equal("Data (200 OK)", Create("data").ToString());
        Assert.Equal("Error (404 NotFound): 404: Wing 7 does not exist.", Create("error").ToString());
    }

    [Fact]
    public void ToString_GermanCulture_StaysInvariant()
    {
        using var culture = new CultureScope("de-DE");

        Assert.Equal("Data (200 OK)", Create("data").ToString());
    }

    private static ConnectorResult<Wing> Create(string kind) => kind switch
    {
        "empty" => ConnectorResult.Empty<Wing>(),
        "data" => ConnectorResult.FromData(SomeWing),
        _ => ConnectorResult.FromError<Wing>(HttpStatusCode.NotFound, new ConnectorError("404", "Wing 7 does not exist.")),
    };
}
