using CustomConnector.Cli;

// The logic lives in CliApplication, which takes its console as a parameter so that tests run it in-process.
return await CliApplication.RunAsync(args, CliEnvironment.FromProcess()).ConfigureAwait(false);
