namespace CustomConnector.Testing;

/// <summary>A check on a request recorded by <see cref="FakeConnectorApi"/> failed; the message says what differed.</summary>
public sealed class FakeApiAssertionException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="FakeApiAssertionException"/> class.</summary>
    public FakeApiAssertionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FakeApiAssertionException"/> class with a message.</summary>
    /// <param name="message">What differed.</param>
    public FakeApiAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FakeApiAssertionException"/> class with a message and a cause.</summary>
    /// <param name="message">What differed.</param>
    /// <param name="innerException">The cause.</param>
    public FakeApiAssertionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
