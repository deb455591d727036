using Npgsql;
using SmpAcademy.EventStore.Streams;
using SmpAcademy.Testing;

namespace SmpAcademy.EventStore.Tests.Streams;

public class StoreCircuitTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly Exception Outage = new NpgsqlException("Exception while connecting", new System.Net.Sockets.SocketException(111));

    [Test]
    public void After_an_outage_calls_fail_fast_and_one_probe_a_second_is_let_through_until_one_succeeds()
    {
        using var store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, TestDatabase.NewSchema());
        var clock = new ManualClock();
        var circuit = new StoreCircuit(store, clock);
        Assert.DoesNotThrow(circuit.ThrowIfOpen);
        Assert.That(circuit.Failing, Is.Null);

        Assert.That(circuit.Failed(Outage), Is.True);
        Assert.That(circuit.Failing, Is.EqualTo("Connection refused"), "the innermost cause");
        Assert.Throws<StoreUnavailableException>(circuit.ThrowIfOpen);

        clock.Now += StoreCircuit.OpenFor;
        Assert.DoesNotThrow(circuit.ThrowIfOpen, "the probe");
        Assert.Throws<StoreUnavailableException>(circuit.ThrowIfOpen, "one probe at a time");
        circuit.Failed(Outage);
        clock.Now += StoreCircuit.OpenFor;
        Assert.DoesNotThrow(circuit.ThrowIfOpen, "the next probe, a second later");
        circuit.Succeeded();

        Assert.That(circuit.Failing, Is.Null);
        Assert.DoesNotThrow(circuit.ThrowIfOpen);
        Assert.DoesNotThrow(circuit.ThrowIfOpen);
    }

    [Test]
    public void An_error_the_database_itself_sends_is_no_outage_and_closes_the_circuit()
    {
        using var store = EventStoreSetup.CreateStore(TestDatabase.ConnectionString, TestDatabase.NewSchema());
        var circuit = new StoreCircuit(store, new ManualClock());
        circuit.Failed(Outage);

        Assert.That(circuit.Failed(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")), Is.False);
        Assert.That(circuit.Failing, Is.Null);
        Assert.That(circuit.Failed(new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006")), Is.True, "a read-only server is an outage of the write path");
        Assert.That(StoreFailures.Classify(new PostgresException("invalid byte sequence", "ERROR", "ERROR", "22P05")), Is.EqualTo(WriteFailure.Unstorable));
        Assert.That(StoreFailures.Classify(new PostgresException("read-only", "ERROR", "ERROR", "25006")), Is.EqualTo(WriteFailure.NotRecorded));
        Assert.That(StoreFailures.Classify(Outage), Is.EqualTo(WriteFailure.MaybeRecorded));
    }
}
