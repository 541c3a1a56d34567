using System;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Observables;

public class PauliCommutationTests
{
    [Fact]
    public void CommutesWithAgreesWithTheMatrixCommutatorOnEveryPairOfTwoQubitStrings()
    {
        const string letters = "IXYZ";
        int commuting = 0;
        for (int a = 0; a < 16; a++)
            for (int b = 0; b < 16; b++)
            {
                var p = PauliString.Parse($"{letters[a / 4]}{letters[a % 4]}");
                var q = PauliString.Parse($"{letters[b / 4]}{letters[b % 4]}");
                var pm = Reference.PauliMatrix(p, 2);
                var qm = Reference.PauliMatrix(q, 2);
                bool commute = ComplexMatrix.MaxDistance(pm * qm, qm * pm) < 1e-12;
                Assert.True(commute == p.CommutesWith(q), $"{p} and {q}: the matrices {(commute ? "commute" : "do not commute")}");
                if (commute) commuting++;
            }
        // Per qubit 10 of the 16 letter pairs commute and 6 anticommute; two-qubit strings commute when both or neither
        // of their qubits anticommute: 10² + 6² = 136 of the 256 ordered pairs.
        Assert.Equal(136, commuting);
    }
}
