using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using ExactGrad.Checkpoints;
using ExactGrad.Differentiation;
using ExactGrad.Optimization;
using ExactGrad.Tests.Support;
using TrainingPlot;
using Xunit;

namespace ExactGrad.Tests.Samples;

/// <summary>samples/TrainingPlot: a run read back from a real SQLite checkpoint file and drawn as PNG and SVG.</summary>
public sealed class TrainingPlotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exactgrad-training-plot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Trains H2 by exact parameter shift, saving every step to <paramref name="path"/>; returns the trainer's own reports.</summary>
    private static async Task<IReadOnlyList<TrainingProgress>> TrainAsync(string path, string runId, int steps)
    {
        var plan = ShiftPlan.Create(H2Problem.Ansatz());
        var trainer = new Trainer((theta, _, _) => Task.FromResult(ParameterShift.Gradient(plan, H2Problem.Hamiltonian, theta)),
            new GradientDescent(0.4), new StoppingRules(MaxSteps: steps),
            new TrainerOptions { Checkpoints = new SqliteCheckpointStore(path), CheckpointEvery = 1, Backend = "exact-estimator" });
        return (await trainer.RunAsync(runId, new[] { 0.1, -0.2, 0.3, 0.1 })).History;
    }

    [Fact]
    public async Task CurveReadFromACheckpointFileHoldsEveryStepsCostAndGradientNormAsTheTrainerReportedThem()
    {
        string path = Path.Combine(_folder, "runs.db");
        var reports = await TrainAsync(path, "h2", steps: 30);
        var curve = await TrainingCurve.ReadAsync(path);   // the file's only run
        Assert.Equal("h2", curve.RunId);
        Assert.Equal(Enumerable.Range(1, 30).Select(s => (double)s), curve.Steps);
        // A checkpoint of step k holds θ after k updates and the cost and gradient measured at step k - 1.
        for (int i = 0; i < curve.Checkpoints.Count; i++)
        {
            var measured = reports[(int)curve.Checkpoints[i].Step - 1];
            Assert.Equal(measured.Cost, curve.Costs[i]);
            Assert.Equal(measured.GradientNorm, curve.GradientNorms[i], 15);
        }
        Assert.Equal("reached 30 steps", curve.StopReason);
    }

    [Fact]
    public async Task PlotOfARealCheckpointFileIsAValidPngOfTheRequestedSizeAndAWellFormedSvg()
    {
        string path = Path.Combine(_folder, "runs.db");
        await TrainAsync(path, "h2", steps: 40);
        var curve = await TrainingCurve.ReadAsync(path, "h2");

        string png = Path.Combine(_folder, "plots", "h2.png");   // the folder is created
        TrainingCurvePlot.Save(curve, png, width: 800, height: 450);
        Assert.Equal((800, 450), PngFile.Size(File.ReadAllBytes(png)));
        Assert.True(new FileInfo(png).Length > 10_000, "a plot with axes, two curves and a legend, not an empty image");

        string svg = Path.Combine(_folder, "h2.svg");
        TrainingCurvePlot.Save(curve, svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = XDocument.Load(svg).Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains(texts, t => t.Contains("run 'h2' on exact-estimator: 40 checkpoints, steps 1 to 40", StringComparison.Ordinal));
        Assert.Contains("|gradient| (right axis)", texts);
        Assert.Contains("1e-1", texts);   // the log axis of |gradient|
    }

    [Fact]
    public async Task AMissingFileUnknownRunAmbiguousFileAndUnknownFormatAreRefusedByName()
    {
        string missing = Path.Combine(_folder, "missing.db");
        var notFound = await Assert.ThrowsAsync<FileNotFoundException>(() => TrainingCurve.ReadAsync(missing));
        Assert.Contains(missing, notFound.Message);
        Assert.False(File.Exists(missing), "reading must not create the file");

        string path = Path.Combine(_folder, "two.db");
        await TrainAsync(path, "first", steps: 3);
        await TrainAsync(path, "second", steps: 4);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => TrainingCurve.ReadAsync(path, "third"));
        Assert.Contains("no run 'third'", unknown.Message);
        Assert.Contains("'first' (3 steps), 'second' (4 steps)", unknown.Message);
        var ambiguous = await Assert.ThrowsAsync<ArgumentException>(() => TrainingCurve.ReadAsync(path));
        Assert.Contains("holds 2 runs", ambiguous.Message);

        var curve = await TrainingCurve.ReadAsync(path, "second");
        var format = Assert.Throws<ArgumentException>(() => TrainingCurvePlot.Save(curve, Path.Combine(_folder, "plot.jpg")));
        Assert.Contains("'.jpg'", format.Message);
        Assert.False(File.Exists(Path.Combine(_folder, "plot.jpg")));

        string other = Path.Combine(_folder, "other.db");
        await File.WriteAllTextAsync(other, "not a database");
        await Assert.ThrowsAsync<InvalidDataException>(() => TrainingCurve.ReadAsync(other));
    }
}
