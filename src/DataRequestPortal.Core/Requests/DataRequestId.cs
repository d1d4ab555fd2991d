using System.Security.Cryptography;

namespace DataRequestPortal.Core.Requests;

/// <summary>
/// Request ids are random, so they reveal neither volume nor order, and stay below 2^53 so
/// JavaScript clients read them exactly. They always have 16 digits: the seeds' clients parse them
/// with <c>X-Created:\s?(\d+)</c>.
/// </summary>
public static class DataRequestId
{
    /// <summary>The smallest id (10^15), so every id has the same number of digits.</summary>
    public const long Min = 1_000_000_000_000_000;

    /// <summary>One past the largest id: 2^53, the end of the integers a double holds exactly.</summary>
    public const long ExclusiveMax = 1L << 53;

    public static long NewId()
    {
        // Uniform over [Min, ExclusiveMax): draw 53 random bits, reject the draws beyond the range.
        const long range = ExclusiveMax - Min;
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var draw = BitConverter.ToInt64(bytes) & (ExclusiveMax - 1);
            if (draw < range)
            {
                return Min + draw;
            }
        }
    }

    public static bool IsWellFormed(long id) => id is >= Min and < ExclusiveMax;
}
