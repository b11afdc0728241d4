using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomConnector.Tests.DependencyInjection;

public sealed class ConnectorOptionsValidatorTests
{
    public static TheoryData<string, string, string?, string> SingleFailures => new()
    {
        { "BaseAddress", "missing", null, "Connectors:Wings:BaseAddress is required" },
        { "BaseAddress", "relative", "api/v1", "Connectors:Wings:BaseAddress is 'api/v1', which is not an absolute URI" },
        { "Authentication:Type", "unknown", "Kerberos", "Connectors:Wings:Authentication:Type is 'Kerberos', which is not a known authentication type" },
        { "Timeout", "malformed", "soon", "Connectors:Wings:Timeout is 'soon', which is not a time span" },
        { "Timeout", "negative", "-00:00:01", "Connectors:Wings:Timeout is -00:00:01; it must be positive" },
        { "MaxResponseContentBytes", "zero", "0", "Connectors:Wings:MaxResponseContentBytes is 0; it must be positive" },
        { "Endpoints:traceWing:Method", "unsupported method", "TRACE", "Connectors:Wings:Endpoints:traceWing:Method is 'TRACE'; connector endpoints support GET, POST, PUT, PATCH and DELETE" },
        { "Endpoints:badPath:Path", "malformed path", "wings/{id", "Connectors:Wings:Endpoints:badPath:Path is malformed" },
    };

    [Theory]
    [MemberData(nameof(SingleFailures))]
    public void ValidateOnStart_OneBadValue_NamesItsConfigurationPath(string key, string scenario, string? value, string expected)
    {
        Assert.NotNull(scenario);
        var values = new Dictionary<string, string?> { ["Connectors:Wings:BaseAddress"] = "https://api.test/" };
        values[$"Connectors:Wings:{key}"] = value;
        if (key.StartsWith("Endpoints:", StringComparison.Ordinal))
        {
            var endpoint = key.Split(':')[1];
            values.TryAdd($"Connectors:Wings:Endpoints:{endpoint}:Path", "wings");
        }

        var failures = ValidateFailures(values);

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    public static TheoryData<string, string[], string> AuthenticationFailures => new()
    {
        { "Basic", ["Username=alice"], "Connectors:Wings:Authentication:Password is required when Type is Basic" },
        { "Basic", ["Username=al:ice", "Password=x"], "Connectors:Wings:Authentication:Username contains a colon" },
        { "Bearer", [], "Connectors:Wings:Authentication:Token is required when Type is Bearer" },
        { "ApiKey", ["ApiKeyValue=k"], "Connectors:Wings:Authentication:ApiKeyName is required when Type is ApiKey" },
        { "ApiKey", ["ApiKeyName=X-Api-Key"], "Connectors:Wings:Authentication:ApiKeyValue is required when Type is ApiKey" },
        { "ApiKey", ["ApiKeyName=X-Api-Key", "ApiKeyValue=k", "ApiKeyLocation=Cookie"], "Connectors:Wings:Authentication:ApiKeyLocation is 'Cookie'; use Header or Query" },
        { "OAuth2ClientCredentials", ["TokenEndpoint=https://auth.test/token", "ClientId=c"], "Connectors:Wings:Authentication:ClientSecret is required when Type is OAuth2ClientCredentials" },
        { "OAuth2ClientCredentials", ["ClientId=c", "ClientSecret=s"], "Connectors:Wings:Authentication:TokenEndpoint is required when Type is OAuth2ClientCredentials" },
        { "OAuth2ClientCredentials", ["TokenEndpoint=http://auth.test/token", "ClientId=c", "ClientSecret=s"], "Connectors:Wings:Authentication:TokenEndpoint uses plain http" },
        { "OAuth2ClientCredentials", ["TokenEndpoint=https://auth.test/token", "ClientId=c", "ClientSecret=s", "TokenRequestTimeout=00:00:00"], "Connectors:Wings:Authentication:TokenRequestTimeout is 00:00:00; it must be positive" },
        { "OAuth2ClientCredentials", ["TokenEndpoint=https://auth.test/token", "ClientId=c", "ClientSecret=s", "TokenRequestTimeout=-00:00:01"], "Connectors:Wings:Authentication:TokenRequestTimeout is -00:00:01; it must be positive" },
        { "OAuth2ClientCredentials", ["TokenEndpoint=https://auth.test/token", "ClientId=c", "ClientSecret=s", "TokenRequestTimeout=soon"], "Connectors:Wings:Authentication:TokenRequestTimeout is 'soon', which is not a time span" },
    };

    [Theory]
    [MemberData(nameof(AuthenticationFailures))]
    public void ValidateOnStart_AuthenticationFieldMissingOrWrong_SaysWhichAndWhy(string type, string[] fields, string expected)
    {
        var failures = ValidateAuthenticationFailures(type, fields);

        Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("BaseAddress", "not a uri?code=fn-s3cret", "is 'not a uri?code=REDACTED'")]
    [InlineData("BaseAddress", "ftp://svc:pa55w0rd@api.test/?X-Goog-Signature=gcs-s3cret#frag-s3cret", "is 'ftp://api.test/?X-Goog-Signature=REDACTED'")]
    [InlineData("BaseAddress", "//svc:pa55w0rd@api.test/?tenant_key=key-s3cret", "is '//api.test/?tenant_key=REDACTED'")]
    [InlineData("TrustedOrigins:0", "files test?Session=session-s3cret", "is 'files test?Session=REDACTED'")]
    [InlineData("Authentication:TokenEndpoint", "auth test/token?client_secret=client-s3cret", "is 'auth test/token?client_secret=REDACTED'")]
    public void ValidateOnStart_BadUriHoldingASecret_QuotesItRedacted(string key, string value, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:SensitiveQueryParameters:0"] = "session",
            ["Connectors:Wings:Authentication:Type"] = "ApiKey",
            ["Connectors:Wings:Authentication:ApiKeyName"] = "tenant_key",
            ["Connectors:Wings:Authentication:ApiKeyValue"] = "key-s3cret",
            ["Connectors:Wings:Authentication:ApiKeyLocation"] = "Query",
        };
        values[$"Connectors:Wings:{key}"] = value;

        var failures = ValidateFailures(values);

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("s3cret", StringComparison.Ordinal) || f.Contains("pa55w0rd", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_CredentialsOverPlainHttpToRemoteHost_FailsUnlessAllowed()
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "http://api.test/",
            ["Connectors:Wings:Authentication:Type"] = "Bearer",
            ["Connectors:Wings:Authentication:Token"] = "t",
        };

        Assert.Contains(ValidateFailures(values), f => f.StartsWith("Connectors:Wings:BaseAddress uses plain http to 'api.test'", StringComparison.Ordinal));

        values["Connectors:Wings:AllowInsecureHttp"] = "true";
        Assert.Empty(ValidateFailures(values));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:5000/")]
    public void ValidateOnStart_CredentialsOverPlainHttpToLoopback_IsAllowed(string baseAddress)
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = baseAddress,
            ["Connectors:Wings:Authentication:Type"] = "Bearer",
            ["Connectors:Wings:Authentication:Token"] = "t",
        };

        Assert.Empty(ValidateFailures(values));
    }

    [Theory]
    [InlineData("https://admin:s3cret@api.test/v1/wings")]
    [InlineData("https://admin:s3cret@api.test/v1/wings#top")]
    public void ValidateOnStart_EndpointPathWithUserInfo_FailsWithItsPathAndWithoutTheCredential(string path)
    {
        var failures = ValidateFailures(new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:Endpoints:getWing:Path"] = path,
        });

        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Endpoints:getWing:Path", StringComparison.Ordinal) && f.Contains("user info", StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain("s3cret", f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://loopback:5000/")]
    [InlineData("http://app.localhost:5000/")]
    public void ValidateOnStart_CredentialsOverPlainHttpToNameThatIsNotLoopback_Fails(string baseAddress)
    {
        // Uri.IsLoopback accepts "loopback", a DNS name; only IP loopback addresses and "localhost" count.
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = baseAddress,
            ["Connectors:Wings:Authentication:Type"] = "Bearer",
            ["Connectors:Wings:Authentication:Token"] = "t",
        };

        Assert.Contains(ValidateFailures(values), f => f.StartsWith("Connectors:Wings:BaseAddress uses plain http", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_TrustedOriginOverPlainHttpToRemoteHost_FailsUnlessAllowed()
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:TrustedOrigins:0"] = "http://auth.partner.test",
        };

        Assert.Contains(ValidateFailures(values), f => f.StartsWith("Connectors:Wings:TrustedOrigins holds http://auth.partner.test:80, plain http", StringComparison.Ordinal)
            && f.Contains("Connectors:Wings:AllowInsecureHttp", StringComparison.Ordinal));

        values["Connectors:Wings:AllowInsecureHttp"] = "true";
        Assert.Empty(ValidateFailures(values));
    }

    [Fact]
    public void ValidateOnStart_CircuitBreakerUnderAnEndpoint_SaysItBelongsToTheConnector()
    {
        var failures = ValidateFailures(new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:Endpoints:getWing:Path"] = "wings/{id}",
            ["Connectors:Wings:Endpoints:getWing:Resilience:CircuitBreaker:Enabled"] = "true",
        });

        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Endpoints:getWing:Resilience:CircuitBreaker is set, but the circuit breaker and rate limit are the connector's", StringComparison.Ordinal)
            && f.Contains("Connectors:Wings:Resilience:CircuitBreaker", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_SeveralProblems_AreReportedTogether()
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:Timeout"] = "soon",
            ["Connectors:Wings:Authentication:Type"] = "OAuth2ClientCredentials",
            ["Connectors:Wings:Authentication:TokenEndpoint"] = "https://auth.test/token",
            ["Connectors:Wings:Authentication:ClientId"] = "c",
            ["Connectors:Wings:Endpoints:traceWing:Method"] = "TRACE",
            ["Connectors:Wings:Endpoints:traceWing:Path"] = "wings",
        };

        var failures = ValidateFailures(values);

        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Timeout is 'soon'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:BaseAddress is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Authentication:ClientSecret is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Endpoints:traceWing:Method is 'TRACE'", StringComparison.Ordinal));
        Assert.Equal(4, failures.Count);
    }

    [Fact]
    public void ValidateOnStart_ValidConfiguration_Passes()
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:Authentication:Type"] = "ApiKey",
            ["Connectors:Wings:Authentication:ApiKeyName"] = "X-Api-Key",
            ["Connectors:Wings:Authentication:ApiKeyValue"] = "k",
            ["Connectors:Wings:Endpoints:getWing:Path"] = "wings/{id}",
        };

        Assert.Empty(ValidateFailures(values));
    }

    [Fact]
    public void ValidateOnStart_CodeConfiguredConnector_NamesTheConnector()
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", options => options.AuthenticationSettings.Type = ConnectorAuthenticationType.Bearer);
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ConnectorTestHost.Failures(exception), f => f.StartsWith("wings:BaseAddress is required", StringComparison.Ordinal));
        Assert.Contains(ConnectorTestHost.Failures(exception), f => f.StartsWith("wings:Authentication:Token is required when Type is Bearer", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_ProviderFromCodeOverPlainHttpToRemoteHost_Fails()
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("http://api.partner.test/"))
            .AddBearerToken((_, _) => ValueTask.FromResult("t"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ConnectorTestHost.Failures(exception), f => f.StartsWith("wings:BaseAddress uses plain http to 'api.partner.test'", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_ApiKeyInDefaultHeadersOverPlainHttp_Fails()
    {
        var failures = ValidateFailures(new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "http://api.partner.test/",
            ["Connectors:Wings:DefaultHeaders:X-Api-Key"] = "k",
        });

        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:BaseAddress uses plain http", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_RelativeTokenEndpointAndHugeTimeoutFromCode_AreReportedNotThrown()
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o =>
        {
            o.BaseAddress = new Uri("https://api.test/");
            o.Timeout = TimeSpan.FromDays(60);
            o.AuthenticationSettings.Type = ConnectorAuthenticationType.OAuth2ClientCredentials;
            o.AuthenticationSettings.OAuth2.TokenEndpoint = new Uri("oauth/token", UriKind.Relative);
            o.AuthenticationSettings.OAuth2.ClientId = "c";
            o.AuthenticationSettings.OAuth2.ClientSecret = "s";
        });
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ConnectorTestHost.Failures(exception), f => f.StartsWith("wings:Authentication:TokenEndpoint must be an absolute http or https URI", StringComparison.Ordinal));
        Assert.Contains(ConnectorTestHost.Failures(exception), f => f.StartsWith("wings:Timeout is 60.00:00:00; the longest supported", StringComparison.Ordinal));
    }

    /// <summary>Credential values the providers would refuse on the first call (or HttpClient at send time); each holds "s3cret".</summary>
    public static TheoryData<string, string[], string> CredentialValueFailures => new()
    {
        { "Bearer", ["Token=Bearer s3cret-token"], "Connectors:Wings:Authentication:Token starts with the scheme 'Bearer '" },
        { "Bearer", ["Token=s3cret\u0007token"], "Connectors:Wings:Authentication:Token contains whitespace or a control character" },
        { "Bearer", ["Token=s3cret-tokén"], "Connectors:Wings:Authentication:Token contains a non-ASCII character" },
        { "Bearer", ["Token=s3cret-token\n"], "Connectors:Wings:Authentication:Token contains whitespace or a control character" },
        { "Basic", ["Username=alice", "Password=s3cret\r\n"], "Connectors:Wings:Authentication:Password contains a control character" },
        { "Basic", ["Username=ali\tce", "Password=s3cret"], "Connectors:Wings:Authentication:Username contains a control character" },
        { "ApiKey", ["ApiKeyName=X-Api-Key", "ApiKeyValue=s3cret-clé"], "Connectors:Wings:Authentication:ApiKeyValue contains a non-ASCII character" },
        { "ApiKey", ["ApiKeyName=X-Api-Key", "ApiKeyValue=s3cret\u0001"], "Connectors:Wings:Authentication:ApiKeyValue contains the control character \\u0001" },
        { "ApiKey", ["ApiKeyName=X Api Key", "ApiKeyValue=s3cret"], "Connectors:Wings:Authentication:ApiKeyName is not a valid HTTP header name" },
        { "ApiKey", ["ApiKeyName=api_key", "ApiKeyValue=s3cret\r\n", "ApiKeyLocation=Query"], "Connectors:Wings:Authentication:ApiKeyValue contains a control character" },
    };

    [Theory]
    [MemberData(nameof(CredentialValueFailures))]
    public void ValidateOnStart_CredentialValueTheProviderWouldRefuse_FailsAtStartupWithPathButNotValue(string type, string[] fields, string expected)
    {
        var failures = ValidateAuthenticationFailures(type, fields);

        var failure = Assert.Single(failures);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_PasswordWithUnpairedSurrogate_FailsAtStartupWithPathButNotValue()
    {
        // Built here: xunit would replace a lone surrogate in theory data.
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:Authentication:Type"] = "Basic",
            ["Connectors:Wings:Authentication:Username"] = "alice",
            ["Connectors:Wings:Authentication:Password"] = "s3cret" + char.ConvertFromUtf32(0x1F511)[..1],
        };

        var failure = Assert.Single(ValidateFailures(values));

        Assert.StartsWith("Connectors:Wings:Authentication:Password contains an unpaired UTF-16 surrogate", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DefaultHeaders:X-Tenant", "Connectors:Wings:DefaultHeaders:X-Tenant is invalid: The value of header 'X-Tenant' contains a non-ASCII character")]
    [InlineData("Endpoints:getWing:Headers:X-Tenant", "Connectors:Wings:Endpoints:getWing:Headers:X-Tenant is invalid: The value of header 'X-Tenant' contains a non-ASCII character")]
    public void ValidateOnStart_HeaderValueHttpClientCannotSend_FailsAtStartupWithPathButNotValue(string key, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:Endpoints:getWing:Path"] = "wings",
            [$"Connectors:Wings:{key}"] = "s3cret-société",
        };

        var failure = Assert.Single(ValidateFailures(values));

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_ValidCredentialsWithTabsOrUnicodeWhereAllowed_Pass()
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:Authentication:Type"] = "Basic",
            ["Connectors:Wings:Authentication:Username"] = "zoë",
            ["Connectors:Wings:Authentication:Password"] = "pässwörd 🔑",
        };

        Assert.Empty(ValidateFailures(values));
    }

    private static List<string> ValidateFailures(Dictionary<string, string?> values)
    {
        return ConnectorTestHost.StartupFailures(values);
    }

    /// <summary>Validates a connector whose Authentication section has <paramref name="type"/> and the <c>Key=Value</c> <paramref name="fields"/>.</summary>
    private static List<string> ValidateAuthenticationFailures(string type, string[] fields)
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:Authentication:Type"] = type,
        };
        foreach (var field in fields)
        {
            var parts = field.Split('=', 2);
            values[$"Connectors:Wings:Authentication:{parts[0]}"] = parts[1];
        }

        return ValidateFailures(values);
    }
}
