using System.Text;
using Ivr.Core.Calls;
using Ivr.Core.Lookups;
using Ivr.Host.Metrics;
using Ivr.Media.Playout;

namespace Ivr.Host.Tests.Metrics;

/// <summary>What each recording does to the scraped text: counters by label, histogram buckets, gauges read at scrape time.</summary>
public sealed class IvrMetricsTests
{
    private readonly IvrMetrics _metrics = new(["pension.summary", "auth.verify_pin"]);

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var text = new MemoryStream();
        await _metrics.WriteAsync(text, CancellationToken.None);
        return new PrometheusText(Encoding.UTF8.GetString(text.ToArray()));
    }

    [Fact]
    public async Task CallEnded_CountsByDisposition()
    {
        var recorder = new CountingCallRecorder(NullCallRecorder.Instance, _metrics);
        recorder.CallEnded("call-1", DateTimeOffset.UnixEpoch, "completed");
        recorder.CallEnded("call-2", DateTimeOffset.UnixEpoch, "completed");
        recorder.CallEnded("call-3", DateTimeOffset.UnixEpoch, "input_failed");

        var scraped = await ScrapeAsync();
        Assert.Equal(2, scraped.Value("ivr_calls_ended_total", "disposition=completed"));
        Assert.Equal(1, scraped.Value("ivr_calls_ended_total", "disposition=input_failed"));
        Assert.Equal("counter", scraped.Types["ivr_calls_ended_total"]);
    }

    [Fact]
    public async Task CallEnded_ManyDispositions_StaysBoundedAndNeverEchoesOddText()
    {
        for (var i = 0; i < 80; i++) _metrics.CallEnded($"d{i}");
        _metrics.CallEnded("13012345678 \"x\"");

        var values = (await ScrapeAsync()).LabelValues("ivr_calls_ended_total", "disposition");
        Assert.Equal(51, values.Count); // 50 distinct, then "other"
        Assert.Contains(BoundedLabel.Other, values);
        Assert.DoesNotContain(values, v => v.Contains("1301234"));
    }

    [Fact]
    public async Task CallAnswered_FallsInItsBucket()
    {
        _metrics.CallAnswered(TimeSpan.FromMilliseconds(3));
        _metrics.CallAnswered(TimeSpan.FromMilliseconds(30));

        var scraped = await ScrapeAsync();
        Assert.Equal(0, scraped.Value("ivr_call_setup_seconds_bucket", "le=0.002"));
        Assert.Equal(1, scraped.Value("ivr_call_setup_seconds_bucket", "le=0.005"));
        Assert.Equal(2, scraped.Value("ivr_call_setup_seconds_bucket", "le=0.05"));
        Assert.Equal(2, scraped.Value("ivr_call_setup_seconds_count"));
        Assert.Equal(0.033, scraped.Value("ivr_call_setup_seconds_sum")!.Value, 6);
    }

    [Fact]
    public async Task KeyToPrompt_FallsInItsBucket()
    {
        _metrics.KeyToPrompt(TimeSpan.FromMilliseconds(7));

        var scraped = await ScrapeAsync();
        Assert.Equal(0, scraped.Value("ivr_key_to_prompt_seconds_bucket", "le=0.005"));
        Assert.Equal(1, scraped.Value("ivr_key_to_prompt_seconds_bucket", "le=0.01"));
    }

    [Fact]
    public async Task Lookups_TimedByOperation_ErrorsAndTimeoutsCounted_UnknownOperationIsOther()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var lookups = new MeasuredLookupService(new ScriptedLookups(time), _metrics, time);
        await lookups.ExecuteAsync("pension.summary", new Dictionary<string, string>(), CancellationToken.None);
        await lookups.ExecuteAsync("auth.verify_pin", new Dictionary<string, string> { ["outcome"] = "error" }, CancellationToken.None);
        await lookups.ExecuteAsync("made.up", new Dictionary<string, string> { ["outcome"] = "timeout" }, CancellationToken.None);

        var scraped = await ScrapeAsync();
        Assert.Equal(1, scraped.Value("ivr_lookup_duration_seconds_bucket", "operation=pension.summary", "le=0.25"));
        Assert.Equal(0, scraped.Value("ivr_lookup_duration_seconds_bucket", "operation=pension.summary", "le=0.1"));
        Assert.Null(scraped.Value("ivr_lookup_errors_total", "operation=pension.summary"));
        Assert.Equal(1, scraped.Value("ivr_lookup_errors_total", "operation=auth.verify_pin", "outcome=error"));
        Assert.Equal(1, scraped.Value("ivr_lookup_errors_total", "operation=other", "outcome=timeout"));
    }

    [Fact]
    public async Task Readings_AreReadAtEachScrape()
    {
        var calls = 3;
        var version = "v1";
        long dropped = 5;
        _metrics.Readings.Watch(new ServerReadings.Sources
        {
            CallsUp = () => calls, RecordsDropped = () => dropped, RecorderErrors = () => 2, LookupDatabaseErrors = () => 4, FlowVersion = () => version,
        });

        var first = await ScrapeAsync();
        calls = 1;
        version = "v2";
        dropped = 7;
        var second = await ScrapeAsync();

        Assert.Equal(3, first.Value("ivr_calls_up"));
        Assert.Equal(1, first.Value("ivr_flow_version_info", "version=v1"));
        Assert.Equal(1, second.Value("ivr_calls_up"));
        Assert.Equal(7, second.Value("ivr_call_records_dropped_total"));
        Assert.Equal(2, second.Value("ivr_database_errors_total", "component=call_recorder"));
        Assert.Equal(4, second.Value("ivr_database_errors_total", "component=lookups"));
        Assert.Equal(["v2"], second.LabelValues("ivr_flow_version_info", "version")); // one version at a time
    }

    [Fact]
    public async Task PacingLateness_ExportsTheBucketsAndExactSum()
    {
        var histogram = new LatenessHistogram(TimeSpan.TicksPerSecond);
        _metrics.Readings.Watch(new ServerReadings.Sources { PacingLateness = histogram.Snapshot });
        histogram.Record(TimeSpan.FromMicroseconds(50).Ticks, 10);  // ≤ 0.1 ms
        histogram.Record(TimeSpan.FromMicroseconds(700).Ticks, 2);  // ≤ 1 ms
        var first = await ScrapeAsync();
        histogram.Record(TimeSpan.FromMilliseconds(300).Ticks, 1);  // above every bound
        var second = await ScrapeAsync();

        Assert.Equal(10, first.Value("ivr_pacing_lateness_seconds_bucket", "le=0.0001"));
        Assert.Equal(10, first.Value("ivr_pacing_lateness_seconds_bucket", "le=0.0005"));
        Assert.Equal(12, first.Value("ivr_pacing_lateness_seconds_bucket", "le=0.001"));
        Assert.Equal(12, second.Value("ivr_pacing_lateness_seconds_bucket", "le=0.1"));
        Assert.Equal(13, second.Value("ivr_pacing_lateness_seconds_bucket", "le=+Inf"));
        Assert.Equal(0.0005 + 0.0014 + 0.3, second.Value("ivr_pacing_lateness_seconds_sum")!.Value, 9);
    }

    [Fact]
    public async Task PacingSendJitterAndBursts_ExportedAsTheirOwnHistograms()
    {
        var jitter = new LatenessHistogram(TimeSpan.TicksPerSecond);
        var bursts = new LatenessHistogram(TimeSpan.TicksPerSecond);
        _metrics.Readings.Watch(new ServerReadings.Sources { PacingSendJitter = jitter.Snapshot, PacingBursts = bursts.Snapshot });
        jitter.Record(TimeSpan.FromMicroseconds(30).Ticks, 100);
        jitter.Record(TimeSpan.FromMilliseconds(1.5).Ticks, 1);
        bursts.Record(TimeSpan.FromMicroseconds(400).Ticks, 5);

        var scraped = await ScrapeAsync();

        Assert.Equal(100, scraped.Value("ivr_pacing_send_jitter_seconds_bucket", "le=0.0001"));
        Assert.Equal(101, scraped.Value("ivr_pacing_send_jitter_seconds_bucket", "le=0.002"));
        Assert.Equal(0, scraped.Value("ivr_pacing_burst_seconds_bucket", "le=0.00025"));
        Assert.Equal(5, scraped.Value("ivr_pacing_burst_seconds_bucket", "le=0.0005"));
        Assert.Equal(0, scraped.Value("ivr_pacing_lateness_seconds_count") ?? 0); // not given: nothing
    }

    [Fact]
    public async Task PacingStreams_ExportedPerThread()
    {
        int[] perThread = [1000, 0];
        _metrics.Readings.Watch(new ServerReadings.Sources { PacingStreams = () => perThread });
        await ScrapeAsync();
        perThread = [1000, 37];

        var scraped = await ScrapeAsync();

        Assert.Equal(1000, scraped.Value("ivr_pacing_streams", "thread=0"));
        Assert.Equal(37, scraped.Value("ivr_pacing_streams", "thread=1"));
    }

    [Fact]
    public async Task GarbageCollections_CountedByGeneration_WithTheirPauses()
    {
        var before = await ScrapeAsync();
        GcStopsTests.CollectUntilHeard(GcStops.Process.Snapshot().Count); // the stop watch hears of a collection from a finalizer
        var after = await ScrapeAsync();

        Assert.True(after.Value("ivr_gc_collections_total", "generation=2") > before.Value("ivr_gc_collections_total", "generation=2"));
        Assert.True(after.Value("ivr_gc_collections_total", "generation=0") >= after.Value("ivr_gc_collections_total", "generation=2"));
        Assert.True(after.Value("ivr_gc_pause_seconds_total") > before.Value("ivr_gc_pause_seconds_total"));
        Assert.True(after.Value("ivr_gc_stop_seconds_count") > before.Value("ivr_gc_stop_seconds_count"));
        Assert.True(after.Value("ivr_gc_stop_seconds_sum") > before.Value("ivr_gc_stop_seconds_sum"));
        Assert.Equal("histogram", after.Types["ivr_gc_stop_seconds"]);
        Assert.True(after.Value("ivr_allocated_bytes_total") > before.Value("ivr_allocated_bytes_total")); // the scrape itself allocates
    }

    [Fact]
    public async Task ThreadPoolWorkItems_FollowTheRuntimesCount()
    {
        var before = await ScrapeAsync();
        var done = new CountdownEvent(50);
        for (var i = 0; i < 50; i++) ThreadPool.UnsafeQueueUserWorkItem(_ => done.Signal(), null);
        Assert.True(done.Wait(TimeSpan.FromSeconds(30)));
        await Task.Delay(50); // the count is taken when an item returns: the last one may still be returning
        var after = await ScrapeAsync();

        Assert.True(after.Value("ivr_threadpool_work_items_total") - before.Value("ivr_threadpool_work_items_total") >= 50);
        Assert.True(after.Value("ivr_threadpool_work_items_total") <= ThreadPool.CompletedWorkItemCount);
    }

    [Fact]
    public async Task SipDrops_AreExportedByReason_AndFollowTheCountsAtEachScrape()
    {
        var drops = new Ivr.Sip.Throttling.SipDropCounts(OverBudget: 700, WorkQueueFull: 1, SourceQueueFull: 20, AllQueuesFull: 3, Malformed: 9);
        _metrics.Readings.Watch(new ServerReadings.Sources { SipDrops = () => drops });
        await ScrapeAsync();
        drops = drops with { OverBudget = 900, Malformed = 10 };
        var scraped = await ScrapeAsync();

        Assert.Equal(900, scraped.Value("ivr_sip_dropped_total", "reason=over_budget"));
        Assert.Equal(1, scraped.Value("ivr_sip_dropped_total", "reason=work_queue_full"));
        Assert.Equal(20, scraped.Value("ivr_sip_dropped_total", "reason=source_queue_full"));
        Assert.Equal(3, scraped.Value("ivr_sip_dropped_total", "reason=all_queues_full"));
        Assert.Equal(10, scraped.Value("ivr_sip_dropped_total", "reason=malformed"));
    }

    [Fact]
    public async Task DrainingAndNodeId_AreSettable_OneNodeIdAtATime()
    {
        _metrics.NodeId = "node-a";
        _metrics.NodeId = "node-b";
        _metrics.Draining = true;

        var scraped = await ScrapeAsync();
        Assert.Equal(["node-b"], scraped.LabelValues("ivr_node_info", "node"));
        Assert.Equal(1, scraped.Value("ivr_draining"));
    }


    /// <summary>Answers the outcome its input names after 200 ms of fake time.</summary>
    private sealed class ScriptedLookups(Microsoft.Extensions.Time.Testing.FakeTimeProvider time) : ILookupService
    {
        public ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
        {
            time.Advance(TimeSpan.FromMilliseconds(200));
            return ValueTask.FromResult(LookupResult.Of(inputs.GetValueOrDefault("outcome", LookupResult.Ok)));
        }
    }
}
