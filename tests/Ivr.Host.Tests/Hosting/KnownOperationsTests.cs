using Ivr.Data;
using Ivr.Data.Services;
using Ivr.Host.Commands;

namespace Ivr.Host.Tests.Hosting;

/// <summary>The validator's list of operations is the service's own: a flow can name no other, and none is missing.</summary>
public sealed class KnownOperationsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ops-{Guid.NewGuid():N}.db");

    [Fact]
    public void All_IsExactlyWhatTheServiceAnswers()
    {
        var service = new ServiceLookupService(IvrDatabase.Open(_path), TimeProvider.System);

        Assert.Equal(service.Operations.Concat(Ivr.Host.Assist.AssistLookups.Operations).Order(StringComparer.Ordinal), KnownOperations.All.Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_path) + "*")) File.Delete(file);
    }
}
