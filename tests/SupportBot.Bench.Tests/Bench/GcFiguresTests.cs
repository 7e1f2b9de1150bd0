namespace SupportBot.Bench.Tests.Bench;

public class GcFiguresTests
{
    // Lines as the server's /metrics serves them (OpenTelemetry's Prometheus exporter, .NET's runtime meter).
    private const string Metrics = """
        # TYPE dotnet_gc_last_collection_heap_size_bytes gauge
        dotnet_gc_last_collection_heap_fragmentation_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 9910592
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 0
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen1"} 1048576
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 73400320
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="loh"} 2097152
        dotnet_gc_last_collection_memory_committed_size_bytes{otel_scope_name="System.Runtime"} 104857600
        """;

    [Fact]
    public void TheHeapIsEveryGenerationAddedUpAndCommittedIsItsOwnLine()
    {
        var figures = GcFigures.Parse(Metrics);

        Assert.Equal(73.0, figures!.Value.HeapMb);
        Assert.Equal(100.0, figures.Value.CommittedMb);
    }

    [Fact]
    public void AServerWithoutTheRuntimeMeterHasNoHeapFigures() =>
        Assert.Null(GcFigures.Parse("supportbot_turns_total 12\n"));
}
