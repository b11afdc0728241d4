using Microsoft.Extensions.Options;

namespace CustomConnector.Internal;

/// <summary>
/// Checks one connector's options at startup (and after every reload) by the same rules as a client made in
/// code (<see cref="ConnectorClientOptionsValidator"/>), each problem named by its full configuration path.
/// </summary>
internal sealed class ConnectorOptionsValidator(ConnectorRegistration registration) : IValidateOptions<ConnectorClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorClientOptions options)
    {
        if (!string.Equals(name, registration.Name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = ConnectorClientOptionsValidator.Validate(options, registration.ValidationContext);

        // One failure, one problem per line under a header: OptionsValidationException joins separate failures with "; " on one line.
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(ConnectorClientOptionsValidator.FormatProblems(errors, $"Connector '{registration.Name}' has {errors.Count} configuration problems:"));
    }
}
