using System;
using System.Collections.Generic;
using ExactGrad.Simulation;

namespace ExactGrad.Plans;

/// <summary>A cost f(q) at the measured quantities: its value and ∂f/∂q_k (derived at compile time by the generator).</summary>
public readonly record struct CostPoint(double Value, double[] Derivatives);

/// <summary>The cost function of measured quantities q_0, …, q_m-1: the value of f and its partial derivatives there.</summary>
public delegate CostPoint CostFunction(IReadOnlyList<Estimate> measured);
