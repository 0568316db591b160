using BenchmarkDotNet.Running;
using Ivr.Media.Benchmarks;

// `--agreement` prints how often NAudio's G.711 gives the same result as ours; anything else goes to BenchmarkDotNet.
if (args is ["--agreement"])
{
    G711Agreement.Print(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(G711FrameBenchmarks).Assembly).Run(args);
