namespace SmpAcademy.Host.Hosting;

/// <summary>A setting the host cannot run with: it does not start, and says which setting and why (exit code 2).</summary>
public class StartupRefusedException(string message) : Exception(message);
