using Campaigns.Sandbox;

var app = SandboxApp.Build(WebApplication.CreateBuilder(args));
await app.RunAsync();

/// <summary>The sandbox host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
