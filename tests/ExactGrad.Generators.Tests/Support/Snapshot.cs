using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace ExactGrad.Generators.Tests.Support;

/// <summary>
/// Compares text with Snapshots/{name}.verified.txt. On a mismatch it writes {name}.received.txt and
/// fails; ACCEPT_SNAPSHOTS=1 overwrites the verified file instead. The generator version is scrubbed.
/// </summary>
internal static class Snapshot
{
    private static readonly string Directory = typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SnapshotDirectory").Value!;

    public static void Match(string name, string actual)
    {
        actual = Regex.Replace(actual.Replace("\r\n", "\n"), "GeneratedCode\\(\"ExactGrad.Generators\", \"[^\"]*\"\\)", "GeneratedCode(\"ExactGrad.Generators\", \"<version>\")");
        string verified = Path.Combine(Directory, name + ".verified.txt");
        string received = Path.Combine(Directory, name + ".received.txt");
        if (Environment.GetEnvironmentVariable("ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            return;
        }
        string expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : "";
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail($"Snapshot {name} differs: compare {received} with {verified} (ACCEPT_SNAPSHOTS=1 accepts it).");
    }
}
