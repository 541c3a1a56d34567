using System.IO;
using System.Linq;
using Xunit;

namespace ExactGrad.Monitoring.Tests;

/// <summary>
/// The dashboards conform to Grafana's own dashboard schema for the schema version they declare: ops/grafana/schema-check
/// type-checks each one against the types @grafana/schema generates from Grafana's dashboard kind, in the release whose
/// default schemaVersion is the dashboards' (39). Not Grafana's importer itself: Grafana is not installable here.
/// </summary>
public class GrafanaSchemaTests
{
    [GrafanaSchemaFact]
    public void EveryDashboardConformsToGrafanasSchemaForTheVersionItDeclares()
    {
        string dashboards = Path.GetDirectoryName(Tools.SchemaCheck)!;
        int count = Directory.GetFiles(dashboards, "*.json").Length;
        var (code, output) = Tools.Run(Tools.Find("node")!, Tools.SchemaCheck, "check.mjs", dashboards);
        Assert.True(code == 0, output);
        Assert.Contains($"{count} passed, 0 failed", output);
        Assert.Equal(3, output.Split('\n').Count(l => l.Contains(": conforms to Grafana's dashboard schema 39 (@grafana/schema 11.2.2)")));
    }

    [GrafanaSchemaFact]
    public void TheCheckRefusesADashboardThatBreaksTheSchemaNamingTheLineAndTheField()
    {
        string folder = Directory.CreateTempSubdirectory("exactgrad-schema-").FullName;
        try
        {
            string good = File.ReadAllText(Path.Combine(Path.GetDirectoryName(Tools.SchemaCheck)!, "exactgrad-oncall.json"));
            File.WriteAllText(Path.Combine(folder, "misspelt.json"), good.Replace("\"gridPos\"", "\"gridpos\""));
            File.WriteAllText(Path.Combine(folder, "newer.json"), good.Replace("\"schemaVersion\": 39", "\"schemaVersion\": 41"));

            var (code, output) = Tools.Run(Tools.Find("node")!, Tools.SchemaCheck, "check.mjs", folder);

            Assert.Equal(1, code);
            Assert.Contains("0 passed, 2 failed", output);
            Assert.Contains("'\"gridpos\"' does not exist in type 'Panel", output);
            Assert.Contains("declares schemaVersion 41, but the pinned schema (@grafana/schema 11.2.2) is for schemaVersion 39", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
