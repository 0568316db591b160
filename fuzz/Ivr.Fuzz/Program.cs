using Ivr.Fuzz;

// Ivr.Fuzz TARGET                      under afl-fuzz: SharpFuzz's fork server feeds each input (tools/fuzz starts it)
// Ivr.Fuzz TARGET --assemblies         the assemblies to instrument, one a line
// Ivr.Fuzz TARGET --replay PATH...     runs files (or every file of folders) once: a finding exits 1
// Ivr.Fuzz TARGET --mutate --corpus DIR --seconds N [--findings DIR]
//                                      no afl++, no instrumentation: random mutations of the corpus in process
if (args.Length == 0 || FuzzTargets.Create(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: Ivr.Fuzz TARGET [--replay PATH... | --mutate --corpus DIR --seconds N [--findings DIR]]; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

if (args.Length == 1)
{
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

return args[1] switch
{
    "--assemblies" => PrintAssemblies(target),
    "--replay" => Replay.Run(target, args[2..]),
    "--mutate" => MutationLoop.Run(target, MutationLoop.Options.Parse(args[2..])),
    _ => 2,
};

static int PrintAssemblies(Ivr.Fuzz.Targets.IFuzzTarget target)
{
    foreach (var assembly in target.Assemblies) Console.WriteLine(assembly);
    return 0;
}
