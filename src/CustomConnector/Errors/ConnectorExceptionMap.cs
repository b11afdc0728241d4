using System.Net;

namespace CustomConnector;

/// <summary>
/// Turns an error status into an exception: the built-in typed exceptions by default, and any
/// factory you register for a status (for example 409 to your own <c>ConflictException</c>).
/// </summary>
/// <remarks>Register factories while configuring: a client copies the map when it is created.</remarks>
public sealed class ConnectorExceptionMap
{
    private readonly Dictionary<HttpStatusCode, Func<ConnectorExceptionContext, ConnectorException>> _factories = [];

    /// <summary>Registers <paramref name="factory"/> for <paramref name="statusCode"/>, replacing the built-in mapping or an earlier registration.</summary>
    /// <param name="statusCode">The status, such as <see cref="HttpStatusCode.Conflict"/>.</param>
    /// <param name="factory">Creates the exception from the failed call's context.</param>
    /// <returns>This map, so that registrations chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public ConnectorExceptionMap Register(HttpStatusCode statusCode, Func<ConnectorExceptionContext, ConnectorException> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories[statusCode] = factory;
        return this;
    }

    /// <summary>Copies the registrations, so that a client keeps the map it was created with.</summary>
    internal ConnectorExceptionMap Clone()
    {
        var clone = new ConnectorExceptionMap();
        clone.CopyFrom(this);
        return clone;
    }

    internal void CopyFrom(ConnectorExceptionMap other)
    {
        foreach (var (status, factory) in other._factories)
        {
            _factories[status] = factory;
        }
    }

    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="context">The failed call.</param>
    /// <returns>A registered factory's exception, else the built-in typed exception for the status, else <see cref="ConnectorException"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A registered factory returned null.</exception>
    public ConnectorException Create(ConnectorExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.StatusCode is { } status && _factories.TryGetValue(status, out var factory))
        {
            return factory(context) ?? throw new InvalidOperationException($"The exception factory registered for status {(int)status} returned null.");
        }

        return CreateDefault(context);
    }

    /// <summary>Creates the built-in exception for <paramref name="context"/>, ignoring registrations.</summary>
    /// <param name="context">The failed call.</param>
    /// <returns>The typed exception for 400, 401, 403, 404, 429, 500, 502 and 503; <see cref="ConnectorException"/> for any other status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public static ConnectorException CreateDefault(ConnectorExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.StatusCode switch
        {
            HttpStatusCode.BadRequest => new BadRequestException(context),
            HttpStatusCode.Unauthorized => new UnauthorizedException(context),
            HttpStatusCode.Forbidden => new ForbiddenException(context),
            HttpStatusCode.NotFound => new NotFoundException(context),
            HttpStatusCode.TooManyRequests => new TooManyRequestsException(context),
            HttpStatusCode.InternalServerError => new InternalServerErrorException(context),
            HttpStatusCode.BadGateway => new BadGatewayException(context),
            HttpStatusCode.ServiceUnavailable => new ServiceUnavailableException(context),
            _ => new ConnectorException(context),
        };
    }
}
