using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomConnector.Tests.DependencyInjection;

public sealed class ConnectorOptionsBinderTests
{
    [Fact]
    public void Bind_EveryField_IsReadFromConfiguration()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/v1/"),
            ("Connectors:Wings:Timeout", "00:00:42"),
            ("Connectors:Wings:DefaultHeaders:X-Tenant", "acme"),
            ("Connectors:Wings:MaxResponseContentBytes", "1048576"),
            ("Connectors:Wings:AllowInsecureHttp", "true"),
            ("Connectors:Wings:FollowRedirects", "false"),
            ("Connectors:Wings:MaxRedirects", "2"),
            ("Connectors:Wings:TrustedOrigins:0", "https://files.test"),
            ("Connectors:Wings:Envelope:DataProperty", "result"),
            ("Connectors:Wings:Envelope:ErrorProperty", "problem"),
            ("Connectors:Wings:Authentication:Type", "oauth2clientcredentials"),
            ("Connectors:Wings:Authentication:Username", "alice"),
            ("Connectors:Wings:Authentication:Password", "pw"),
            ("Connectors:Wings:Authentication:Token", "tok"),
            ("Connectors:Wings:Authentication:ApiKeyName", "X-Api-Key"),
            ("Connectors:Wings:Authentication:ApiKeyValue", "key"),
            ("Connectors:Wings:Authentication:ApiKeyLocation", "Query"),
            ("Connectors:Wings:Authentication:TokenEndpoint", "https://auth.test/token"),
            ("Connectors:Wings:Authentication:ClientId", "client"),
            ("Connectors:Wings:Authentication:ClientSecret", "secret"),
            ("Connectors:Wings:Authentication:Scope", "wings.read"),
            ("Connectors:Wings:Authentication:TokenParameters:audience", "https://api.test"),
            ("Connectors:Wings:Authentication:CredentialsInBody", "true"),
            ("Connectors:Wings:Authentication:TokenRequestTimeout", "00:00:15"),
            ("Connectors:Wings:Endpoints:getWing:Method", "GET"),
            ("Connectors:Wings:Endpoints:getWing:Path", "wings/{id}"),
            ("Connectors:Wings:Endpoints:getWing:Query:expand", "parts"),
            ("Connectors:Wings:Endpoints:getWing:Headers:X-Trace", "on"),
            ("Connectors:Wings:Endpoints:createWing:Method", "POST"),
            ("Connectors:Wings:Endpoints:createWing:Path", "wings"),
            ("Connectors:Wings:Endpoints:createWing:Body", """{"name":"default"}"""));
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ConnectorClientOptions>>().Get("wings");

        Assert.Equal(new Uri("https://api.test/v1/"), options.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(42), options.Timeout);
        Assert.Equal("acme", options.DefaultHeaders["X-Tenant"]);
        Assert.Equal(1048576, options.MaxResponseContentBytes);
        Assert.True(options.AllowInsecureHttp);
        Assert.False(options.FollowRedirects);
        Assert.Equal(2, options.MaxRedirects);
        Assert.Equal(new Uri("https://files.test"), Assert.Single(options.TrustedOrigins));
        Assert.Equal("result", options.Envelope.DataProperty);
        Assert.Equal("problem", options.Envelope.ErrorProperty);
        var authentication = options.AuthenticationSettings;
        Assert.Equal(ConnectorAuthenticationType.OAuth2ClientCredentials, authentication.Type);
        Assert.Equal("alice", authentication.Username);
        Assert.Equal("pw", authentication.Password);
        Assert.Equal("tok", authentication.Token);
        Assert.Equal("X-Api-Key", authentication.ApiKeyName);
        Assert.Equal("key", authentication.ApiKeyValue);
        Assert.Equal(ApiKeyLocation.Query, authentication.ApiKeyLocation);
        Assert.Equal(new Uri("https://auth.test/token"), authentication.OAuth2.TokenEndpoint);
        Assert.Equal("client", authentication.OAuth2.ClientId);
        Assert.Equal("secret", authentication.OAuth2.ClientSecret);
        Assert.Equal("wings.read", authentication.OAuth2.Scope);
        Assert.Equal("https://api.test", authentication.OAuth2.TokenParameters["audience"]);
        Assert.True(authentication.OAuth2.CredentialsInBody);
        Assert.Equal(TimeSpan.FromSeconds(15), authentication.OAuth2.TokenRequestTimeout);
        var getWing = options.Endpoints["getWing"];
        Assert.Equal("GET", getWing.Method);
        Assert.Equal("wings/{id}", getWing.Path);
        Assert.Equal("parts", getWing.Query["expand"]);
        Assert.Equal("on", getWing.Headers["X-Trace"]);
        Assert.Equal("POST", options.Endpoints["createWing"].Method);
        Assert.Equal("""{"name":"default"}""", options.Endpoints["createWing"].Body);
    }

    [Fact]
    public void Bind_EnvironmentVariablesWithDoubleUnderscore_SupplyTheSecret()
    {
        var prefix = $"CCTEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable($"{prefix}Connectors__Wings__Authentication__ApiKeyValue", "from-env");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Connectors:Wings:BaseAddress"] = "https://api.test/",
                    ["Connectors:Wings:Authentication:Type"] = "ApiKey",
                    ["Connectors:Wings:Authentication:ApiKeyName"] = "X-Api-Key",
                })
                .AddEnvironmentVariables(prefix)
                .Build();
            var services = new ServiceCollection();
            services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings"));
            using var provider = services.BuildServiceProvider();

            var options = provider.GetRequiredService<IOptionsMonitor<ConnectorClientOptions>>().Get("wings");

            Assert.Equal("from-env", options.AuthenticationSettings.ApiKeyValue);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{prefix}Connectors__Wings__Authentication__ApiKeyValue", null);
        }
    }

    [Fact]
    public void ToString_AuthenticationOptions_HidesEverySecret()
    {
        var authentication = new ConnectorAuthenticationOptions { Type = ConnectorAuthenticationType.OAuth2ClientCredentials };
        authentication.OAuth2.ClientId = "client";
        authentication.OAuth2.ClientSecret = "s3cr3t-value";
        authentication.OAuth2.TokenEndpoint = new Uri("https://auth.test/token");

        Assert.DoesNotContain("s3cr3t-value", authentication.ToString(), StringComparison.Ordinal);
        authentication.Type = ConnectorAuthenticationType.ApiKey;
        authentication.ApiKeyValue = "api-key-value";
        Assert.DoesNotContain("api-key-value", authentication.ToString(), StringComparison.Ordinal);
        authentication.Type = ConnectorAuthenticationType.Basic;
        authentication.Password = "pass-value";
        Assert.DoesNotContain("pass-value", authentication.ToString(), StringComparison.Ordinal);
        authentication.Type = ConnectorAuthenticationType.Bearer;
        authentication.Token = "token-value";
        Assert.DoesNotContain("token-value", authentication.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Connectors:Wings:BaseAdress", "Connectors:Wings:BaseAdress is not a known setting; did you mean BaseAddress?")]
    [InlineData("Connectors:Wings:timout", "Connectors:Wings:timout is not a known setting; did you mean Timeout?")]
    [InlineData("Connectors:Wings:Authentication:ClientSecert", "Connectors:Wings:Authentication:ClientSecert is not a known setting; did you mean ClientSecret?")]
    [InlineData("Connectors:Wings:Resilience:MaxRetry", "Connectors:Wings:Resilience:MaxRetry is not a known setting; did you mean MaxRetries?")]
    [InlineData("Connectors:Wings:Resilience:CircuitBreaker:Enable", "Connectors:Wings:Resilience:CircuitBreaker:Enable is not a known setting; did you mean Enabled?")]
    [InlineData("Connectors:Wings:Envelope:Data", "Connectors:Wings:Envelope:Data is not a known setting. Known settings here: DataProperty, ErrorProperty.")]
    [InlineData("Connectors:Wings:Endpoints:getWing:Pth", "Connectors:Wings:Endpoints:getWing:Pth is not a known setting; did you mean Path?")]
    [InlineData("Connectors:Wings:Endpoints:getWing:Pagination:MaxPage", "Connectors:Wings:Endpoints:getWing:Pagination:MaxPage is not a known setting; did you mean MaxPages?")]
    [InlineData("Connectors:Wings:Endpoints:getWing:Resilience:AttemptTimeOut", null)]
    public void ValidateOnStart_UnknownKey_IsReportedWithTheNearestKnownKey(string key, string? expected)
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:Endpoints:getWing:Path"] = "wings/{id}",
            ["Connectors:Wings:Endpoints:getWing:Pagination:Type"] = "LinkHeader",
            [key] = "00:00:01",
        };

        var failures = ConnectorTestHost.StartupFailures(values);

        // Keys match case-insensitively, as configuration does.
        Assert.Equal(expected is null ? [] : [expected], failures);
    }

    [Fact]
    public void ValidateOnStart_UnknownKeyAndOtherErrors_AreReportedTogetherOnePerLine()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAdress", "https://api.test/"),
            ("Connectors:Wings:MaxRedirects", "-1"),
            ("Connectors:Wings:Resilience:MaxRetries", "many"));
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Connectors:Wings:Resilience:MaxRetries is 'many', which is not a whole number.",
                "Connectors:Wings:BaseAdress is not a known setting; did you mean BaseAddress?",
                "Connectors:Wings:BaseAddress is required: the absolute http(s) URI of the API, such as https://api.example.com/v1/.",
                "Connectors:Wings:MaxRedirects is -1; it must be zero or more.",
            ],
            ConnectorTestHost.Problems(exception.Message));
        Assert.StartsWith("Connector 'wings' has 4 configuration problems:" + Environment.NewLine + "  Connectors:Wings:Resilience:MaxRetries", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Timeout")]
    [InlineData("Resilience:AttemptTimeout")]
    [InlineData("Authentication:TokenRequestTimeout")]
    public void ValidateOnStart_BareNumberForATimeSpan_IsRefusedNotReadAsDays(string key)
    {
        var failures = ConnectorTestHost.StartupFailures(new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            [$"Connectors:Wings:{key}"] = "30",
        });

        Assert.Equal([$"Connectors:Wings:{key} is '30', a bare number, which a time span would read as days; write hours:minutes:seconds, such as 00:00:30 for 30 seconds."], failures);
    }
}
