using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SupplyMatch.Storage;

/// <summary>
/// A feed's auth header value at rest: encrypted with ASP.NET Core Data Protection (key ring in the database, see
/// <see cref="KeyRingStore"/>) and stored as <see cref="Prefix"/> + the protected payload. A stored value without the
/// prefix is plain text written before secrets were encrypted; it is still read, and encrypted when seen.
/// </summary>
public sealed class FeedSecrets(IDataProtectionProvider provider)
{
    /// <summary>Marks an encrypted value (the payload itself is base64url, so it never holds a ':').</summary>
    public const string Prefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("SupplyMatch.Feeds.AuthHeaderValue");

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    /// <summary>
    /// The secret of a stored value (plain text is returned as it is); null when the value was encrypted with a key this
    /// key ring does not hold, or was altered.
    /// </summary>
    public string? Reveal(string stored)
    {
        if (!IsProtected(stored))
        {
            return stored;
        }

        try
        {
            return _protector.Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
