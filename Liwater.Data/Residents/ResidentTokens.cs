using System.Security.Cryptography;
using System.Text;

namespace Liwater.Data.Residents;

/// <summary>Random tokens for the resident channel and the one-way hash a tracking token is stored as.</summary>
public static class ResidentTokens
{
    // Base32 without the look-alikes 0/O and 1/I: easy to read off a printed sheet and type into a phone.
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>A building's QR code: 12 characters, 60 random bits (short enough to print, too many to guess).</summary>
    public static string NewBuildingCode() => Random(12);

    /// <summary>A tracking token: 32 characters, 160 random bits. Shown once, stored only as its hash.</summary>
    public static string NewTrackingToken() => Random(32);

    /// <summary>SHA-256 of the token as lowercase hex; what resident_reports.tracking_hash holds.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the text could be a token at all (so junk never reaches the database).</summary>
    public static bool LooksValid(string? token, int length) =>
        token is not null && token.Length == length && token.All(ch => Alphabet.Contains(ch, StringComparison.Ordinal));

    private static string Random(int length)
    {
        Span<byte> bytes = stackalloc byte[length];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(length);
        foreach (var b in bytes)
        {
            text.Append(Alphabet[b & 31]);
        }

        return text.ToString();
    }
}
