using System;
using System.Globalization;
using Classifier;

// A data re-uploading classifier: points inside or outside a circle, trained by cross-entropy on outcome
// probabilities. The cost reads m.Probability("01") + m.Probability("11") (qubit 0 reads 1); the generator
// differentiates it and emits the mean over the data set with its exact gradient.
const double RequiredTestAccuracy = 0.85;
const int Steps = 150;

var (trainX, trainY) = CircleData.Create(80, seed: 1);
var (testX, testY) = CircleData.Create(200, seed: 2);
Console.WriteLine($"Circle classifier: {trainX.Count} training and {testX.Count} test points, {CircleModel.ModelParameterCount} parameters, {CircleModel.Layers} re-uploading layers");
Console.WriteLine("The circuit over its gate angles φ (drawn θ0, θ1, …), each a trained scale times a coordinate plus a bias:");
Console.Write(CircleModel.ModelCircuit.Draw());

var theta = Training.InitialTheta();
var losses = Training.Run(theta, trainX, trainY, Steps, report: (step, loss) =>
{
    if (step % 10 == 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step,4}: training loss {loss:F5}"));
});
double final = CircleModel.CrossEntropyMean(theta, trainX, trainY);
double train = Training.Accuracy(theta, trainX, trainY), test = Training.Accuracy(theta, testX, testY);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final training loss {final:F5} (from {losses[0]:F5})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy {train:P1}, test accuracy {test:P1} (required: {RequiredTestAccuracy:P0})"));
return test >= RequiredTestAccuracy ? 0 : 1;
