using System;
using System.Globalization;
using System.IO;
using TrainingPlot;

// Draws the training curve of a run stored in a SQLite checkpoint file (ExactGrad.Checkpoints): the cost per
// checkpoint, |gradient| on a log axis, validation where evaluated. Writes PNG or SVG by the output's extension.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: dotnet run --project samples/TrainingPlot -c Release -- <checkpoint-file> <out.png|out.svg> [run-id]");
    return 2;
}
try
{
    var curve = await TrainingCurve.ReadAsync(args[0], args.Length == 3 ? args[2] : null);
    TrainingCurvePlot.Save(curve, args[1]);
    Console.WriteLine($"wrote {Path.GetFullPath(args[1])}: run '{curve.RunId}', {curve.Checkpoints.Count} checkpoints, steps {curve.Checkpoints[0].Step} to {curve.Checkpoints[^1].Step}, " +
                      $"last cost {curve.Checkpoints[^1].Cost:R}{(curve.StopReason is { } r ? $" ({r})" : "")}");
    return 0;
}
catch (Exception e) when (e is ArgumentException or IOException)   // FileNotFoundException and InvalidDataException are IOExceptions
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
