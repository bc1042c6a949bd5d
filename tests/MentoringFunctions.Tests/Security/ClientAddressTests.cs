using MentoringFunctions.Security;
using Microsoft.AspNetCore.Http;
using System.Net;

namespace MentoringFunctions.Tests.Security;

public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.5", null, "203.0.113.5")]
    [InlineData("203.0.113.5:51234, 10.0.0.1", null, "203.0.113.5")]               // Azure writes a port
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null, "2001:db8:1:2::")]          // IPv6 counted by its /64
    [InlineData("[2001:db8:1:2::9]:443", null, "2001:db8:1:2::")]
    [InlineData(null, "192.0.2.7", "192.0.2.7")]                                     // no header: the connection
    [InlineData("not-an-address", "192.0.2.7", "192.0.2.7")]
    [InlineData(null, "::ffff:192.0.2.8", "192.0.2.8")]
    [InlineData(null, null, "unknown")]
    public void The_first_forwarded_address_or_the_connection(string? forwarded, string? remote, string expected)
    {
        var http = new DefaultHttpContext();
        if (forwarded is not null) http.Request.Headers[ClientAddress.ForwardedFor] = forwarded;
        if (remote is not null) http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        Assert.Equal(expected, ClientAddress.Of(http));
    }
}
