using System.Collections;
using System.Text;

namespace CustomConnector.Internal;

/// <summary>
/// The one set of rules for query parameters, shared by the builders and <see cref="BoundConnectorEndpoint"/>:
/// values formatted with the invariant culture, a collection repeats the parameter, <see langword="null"/>
/// adds nothing, and names and values are percent-encoded when appended.
/// </summary>
internal static class QueryParameterRules
{
    /// <summary>Adds the formatted values of <paramref name="value"/> under <paramref name="name"/> to <paramref name="parameters"/> (created when needed).</summary>
    /// <exception cref="ArgumentException">The name is null, empty or whitespace, or the name or a value holds an unpaired UTF-16 surrogate.</exception>
    public static void Add(ref List<KeyValuePair<string, string>>? parameters, string name, object? value, string nameParam, string valueParam)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, nameParam);
        ThrowIfUnpairedSurrogate(name, "The name of a query parameter", nameParam);
        if (value is null)
        {
            return;
        }

        if (ParameterFormatter.IsCollection(value))
        {
            foreach (var item in (IEnumerable)value)
            {
                if (item is not null)
                {
                    (parameters ??= []).Add(new(name, ThrowIfUnpairedSurrogate(ParameterFormatter.Format(item), $"A value of query parameter '{name}'", valueParam)));
                }
            }
        }
        else
        {
            (parameters ??= []).Add(new(name, ThrowIfUnpairedSurrogate(ParameterFormatter.Format(value), $"The value of query parameter '{name}'", valueParam)));
        }
    }

    /// <summary>Appends the parameters to <paramref name="uri"/>, after any query it has already.</summary>
    public static string Append(string uri, List<KeyValuePair<string, string>>? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            return uri;
        }

        var builder = new StringBuilder(uri);
        var separator = uri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        if (uri.EndsWith('?') || uri.EndsWith('&'))
        {
            separator = '\0';
        }

        foreach (var (name, value) in parameters)
        {
            if (separator != '\0')
            {
                builder.Append(separator);
            }

            builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }

    private static string ThrowIfUnpairedSurrogate(string text, string subject, string paramName)
    {
        if (ParameterFormatter.HasUnpairedSurrogate(text))
        {
            // The text is not echoed: a query value may be a credential.
            throw new ArgumentException($"{subject} contains an unpaired UTF-16 surrogate, which percent-encoding would replace with U+FFFD and so send another value. Pass well-formed text.", paramName);
        }

        return text;
    }
}
