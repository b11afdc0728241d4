namespace CustomConnector.Internal;

/// <summary>Validates a configured <c>Pagination</c> section, naming every problem by its full path, and builds its strategy.</summary>
internal static class PaginationConfiguration
{
    public static IPaginationStrategy? Create(ConnectorPaginationOptions options, string path, List<string> errors)
    {
        var count = errors.Count;
        var type = options.Type;
        if (!Enum.IsDefined(type))
        {
            errors.Add($"{path}:Type is {(int)type}, which is not a pagination type. Use one of: {string.Join(", ", Enum.GetNames<ConnectorPaginationType>())}.");
            return null;
        }

        var pagesBySize = type is ConnectorPaginationType.RelativePath or ConnectorPaginationType.FullPath or ConnectorPaginationType.PageNumber or ConnectorPaginationType.Cursor or ConnectorPaginationType.LinkHeader;
        CheckPath(options.NextPath, nameof(options.NextPath), type is ConnectorPaginationType.RelativePath or ConnectorPaginationType.FullPath, required: true);
        CheckApplies(options.BaseUri is not null, nameof(options.BaseUri), type == ConnectorPaginationType.RelativePath);
        CheckName(options.PageParameter, nameof(options.PageParameter), type == ConnectorPaginationType.PageNumber, required: true);
        CheckApplies(options.FirstPage != ConnectorDefaults.FirstPage, nameof(options.FirstPage), type == ConnectorPaginationType.PageNumber);
        CheckName(options.PageSizeParameter, nameof(options.PageSizeParameter), pagesBySize, required: false);
        CheckApplies(options.PageSize is not null, nameof(options.PageSize), pagesBySize);
        CheckPath(options.TotalPagesPath, nameof(options.TotalPagesPath), type == ConnectorPaginationType.PageNumber, required: false);
        CheckName(options.OffsetParameter, nameof(options.OffsetParameter), type == ConnectorPaginationType.Offset, required: true);
        CheckName(options.LimitParameter, nameof(options.LimitParameter), type == ConnectorPaginationType.Offset, required: true);
        CheckApplies(options.Limit is not null, nameof(options.Limit), type == ConnectorPaginationType.Offset);
        CheckPath(options.TotalPath, nameof(options.TotalPath), type == ConnectorPaginationType.Offset, required: false);
        CheckPath(options.CursorPath, nameof(options.CursorPath), type == ConnectorPaginationType.Cursor, required: true);
        CheckName(options.CursorParameter, nameof(options.CursorParameter), type == ConnectorPaginationType.Cursor, required: true);

        if (type == ConnectorPaginationType.PageNumber && options.FirstPage < 0)
        {
            errors.Add($"{path}:FirstPage is {options.FirstPage}; it must be 0 or more.");
        }

        if (pagesBySize && options.PageSize is < 1)
        {
            errors.Add($"{path}:PageSize is {options.PageSize}; it must be 1 or more.");
        }

        if (pagesBySize && options.PageSizeParameter is not null && options.PageSize is null)
        {
            errors.Add($"{path}:PageSize is required when PageSizeParameter is set: it is the value sent.");
        }

        if (type == ConnectorPaginationType.Offset)
        {
            if (options.Limit is null)
            {
                errors.Add($"{path}:Limit is required when Type is Offset.");
            }
            else if (options.Limit < 1)
            {
                errors.Add($"{path}:Limit is {options.Limit}; it must be 1 or more.");
            }
        }

        if (type == ConnectorPaginationType.RelativePath && options.BaseUri is { } baseUri && (!baseUri.IsAbsoluteUri || !UriJoiner.IsAbsoluteHttp(baseUri.OriginalString)))
        {
            errors.Add($"{path}:BaseUri is '{RedactionPolicy.Default.Redact(baseUri)}'; it must be an absolute http(s) URI such as https://api.example.com/v1/.");
        }

        if (options.Limits is null)
        {
            errors.Add($"{path}:Limits is null; leave it at its default for no limits beyond the built-in ones.");
        }

        if (errors.Count > count)
        {
            return null;
        }

        // PaginationOptions checks its own values when it is made; the defaults need no options object at all.
        var limits = ReferenceEquals(options.Limits, PaginationOptions.Default) ? null : options.Limits;
        try
        {
            return type switch
            {
                ConnectorPaginationType.RelativePath => Pagination.RelativePath(options.NextPath!, options.BaseUri, options.PageSizeParameter, options.PageSize, limits),
                ConnectorPaginationType.FullPath => Pagination.FullPath(options.NextPath!, options.PageSizeParameter, options.PageSize, limits),
                ConnectorPaginationType.PageNumber => Pagination.PageNumber(options.PageParameter!, options.FirstPage, options.PageSizeParameter, options.PageSize, options.TotalPagesPath, limits),
                ConnectorPaginationType.Offset => Pagination.Offset(options.OffsetParameter!, options.LimitParameter!, options.Limit!.Value, options.TotalPath, limits),
                ConnectorPaginationType.Cursor => Pagination.Cursor(options.CursorPath!, options.CursorParameter!, options.PageSizeParameter, options.PageSize, limits),
                ConnectorPaginationType.LinkHeader => Pagination.LinkHeader(options.PageSizeParameter, options.PageSize, limits),
                _ => limits is null ? Pagination.None : new NoPagination(limits),
            };
        }
        catch (ArgumentException exception)
        {
            // Checked above; kept so that a rule added to a factory is never lost on the way to startup.
            errors.Add($"{path} is invalid: {exception.Message.Split(" (Parameter")[0]}");
            return null;
        }

        void CheckApplies(bool isSet, string field, bool applies)
        {
            if (isSet && !applies)
            {
                errors.Add($"{path}:{field} does not apply when Type is {type}; remove it, or change Type.");
            }
        }

        void CheckName(string? value, string field, bool applies, bool required)
        {
            CheckApplies(value is not null, field, applies);
            if (applies && (value is not null || required) && string.IsNullOrWhiteSpace(value))
            {
                errors.Add(value is null ? $"{path}:{field} is required when Type is {type}." : $"{path}:{field} is empty; give the query parameter's name.");
            }
        }

        void CheckPath(string? value, string field, bool applies, bool required)
        {
            CheckApplies(value is not null, field, applies);
            if (!applies || (value is null && !required))
            {
                return;
            }

            if (value is null)
            {
                errors.Add($"{path}:{field} is required when Type is {type}.");
            }
            else if (!JsonPath.IsValid(value))
            {
                errors.Add($"{path}:{field} is '{value}', which is not a dotted path such as 'next', 'meta.next' or 'paging.cursors.after'.");
            }
        }
    }
}
