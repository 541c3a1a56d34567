namespace ExactGrad.Numerics;

/// <summary>
/// Seeds that are the same in every process (System.HashCode is randomised per process, and a resumed run
/// or a provider's simulator must draw what the first run drew): the 64-bit finaliser of MurmurHash3,
/// folded to a non-negative int for System.Random.
/// </summary>
public static class StableSeed
{
    /// <summary>Scrambles <paramref name="x"/> with the MurmurHash3 64-bit finaliser; the same input gives the same seed on every machine and run.</summary>
    /// <returns>A seed in [0, 2³¹ − 1] for <see cref="System.Random"/>.</returns>
    public static int Mix(ulong x)
    {
        x ^= x >> 33; x *= 0xFF51AFD7ED558CCDUL; x ^= x >> 33; x *= 0xC4CEB9FE1A85EC53UL; x ^= x >> 33;
        return (int)(x & 0x7FFFFFFF);
    }
}
