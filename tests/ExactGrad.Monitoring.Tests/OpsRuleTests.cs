using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace ExactGrad.Monitoring.Tests;

/// <summary>The shipped Prometheus rules: valid, unit-tested with synthetic series, each alert with a runbook.</summary>
public class OpsRuleTests
{
    private static readonly string Rules = Tools.Ops("prometheus", "exactgrad-rules.yml");
    private static readonly string RuleTests = Tools.Ops("prometheus", "exactgrad-rules.test.yml");

    [PromtoolFact]
    public void PromtoolAcceptsTheRules()
    {
        var (code, output) = Tools.Run(Tools.Find("promtool")!, Path.GetDirectoryName(Rules)!, "check", "rules", Rules);
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [PromtoolFact]
    public void TheRuleUnitTestsPassWithTheirSyntheticSeries()
    {
        var (code, output) = Tools.Run(Tools.Find("promtool")!, Path.GetDirectoryName(RuleTests)!, "test", "rules", RuleTests);
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public void EveryAlertHasARunbookAndIsTestedFiringAndSilent()
    {
        string rules = File.ReadAllText(Rules), tests = File.ReadAllText(RuleTests);
        var alerts = Regex.Matches(rules, @"- alert: (\w+)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(9, alerts.Length);
        var runbooks = Regex.Matches(rules, @"runbook: (ops/runbooks/[\w-]+\.md)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(alerts.Length, runbooks.Length);
        foreach (var runbook in runbooks.Distinct())
            Assert.True(File.Exists(Tools.Ops(runbook["ops/".Length..].Split('/'))), $"{runbook} is missing");
        Assert.Equal(runbooks.Distinct().Count(), Directory.GetFiles(Tools.Ops("runbooks"), "*.md").Length);
        foreach (var alert in alerts)
        {
            Assert.Matches($@"alertname: {alert}, exp_alerts: \[\] ", tests);                                 // a case where it stays silent
            Assert.Matches($@"alertname: {alert}\s+exp_alerts:\s+- exp_labels", tests);                        // and one where it fires
        }
    }
}
