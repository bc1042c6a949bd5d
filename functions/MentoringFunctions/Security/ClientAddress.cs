using System.Net;
using System.Net.Sockets;

namespace MentoringFunctions.Security;

/// <summary>
/// The address a request came from, for per-client limits. In Azure every request passes the Functions
/// front end, which puts the caller's address in X-Forwarded-For; the connection itself is the host's
/// proxy, the same for everyone. So the first X-Forwarded-For entry is trusted when present, else the
/// connection's address. Trust assumption: only the front end can reach the app. If the front end keeps
/// a client's own X-Forwarded-For and appends to it, the first entry is the client's to choose and
/// per-address limits can be dodged by varying it; the per-e-mail limit does not depend on it.
/// </summary>
public static class ClientAddress
{
    public const string ForwardedFor = "X-Forwarded-For";

    public static string Of(HttpContext http)
    {
        var first = http.Request.Headers[ForwardedFor].ToString().Split(',')[0].Trim();
        var address = Parse(first) ?? http.Connection.RemoteIpAddress;
        return address is null ? "unknown" : Normalise(address).ToString();
    }

    /// <summary>An address, with or without a port ("203.0.113.5:51234" is how Azure writes it).</summary>
    private static IPAddress? Parse(string text) =>
        IPAddress.TryParse(text, out var address) ? address
        : IPEndPoint.TryParse(text, out var endpoint) ? endpoint.Address
        : null;

    /// <summary>IPv4 as itself; IPv6 by its /64, since one subscriber usually holds a whole /64.</summary>
    private static IPAddress Normalise(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
