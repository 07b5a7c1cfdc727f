package defragcheck.harness;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLC's distributed mode (a TLCServer JVM and two TLCWorker JVMs on loopback) gives the in-process verdict and
 * distinct-state count, and leaves no process and no listening port behind, whatever the outcome.
 */
class DistributedTlcTest {
    private final int port = freePort();
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);

    @AfterEach
    void nothingLeftBehind() throws IOException {
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse("?")).toList(),
                "a child JVM outlived the run");
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // the registry port is free again
        }
    }

    @Test
    void serverAndTwoWorkersGiveTheInProcessVerdictAndDistinctStates() throws Exception {
        Model decsDax = Model.of(ProjectRoot.get().resolve("model"), "DecsDax", ProjectRoot.get().resolve("spec"));
        CheckResult distributed = DistributedTlc.check(decsDax, options(2), quiet);
        CheckResult inProcess = TlcRunner.check(decsDax, 2);
        assertEquals(Verdict.SUCCESS, inProcess.verdict(), inProcess.output());
        assertEquals(inProcess.verdict(), distributed.verdict(), distributed.output());
        assertEquals(inProcess.distinct(), distributed.distinct(), distributed.output());
        assertTrue(distributed.output().contains("TLC Server"), distributed.output());
    }

    @Test
    void aViolationIsFoundWithItsBehaviourButUnnamed() throws Exception {
        CheckResult distributed = DistributedTlc.check(Fixtures.good("BlocksUnlocked"), options(2), quiet);
        assertEquals(Verdict.UNNAMED_VIOLATION, distributed.verdict(), distributed.output());
        assertTrue(distributed.output().contains("State 2: <Swap"), distributed.output());
        DeclaredModel declared = new DeclaredModel("BlocksUnlocked", Fixtures.good("BlocksUnlocked"), Verdict.SAFETY_FAILURE,
                "Consistent", null, null, null, null, List.of(), null, null);
        assertTrue(Comparison.of(declared, distributed).matches(), "a violation matches a declared safety failure by kind");
    }

    @Test
    void aServerThatCannotParseTheSpecIsAnErrorAndItsWorkersAreStopped() throws Exception {
        CheckResult r = DistributedTlc.check(Fixtures.bad("Broken"), options(2), quiet);
        assertEquals(Verdict.ERROR, r.verdict(), r.output());
        assertNotNull(r.error());
    }

    @Test
    void aTemporalPropertyIsBadInputInOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CheckCommand.run(new String[] {"--root", Fixtures.GOOD.toString(), "--distributed", "RetryWeak"},
                new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        assertEquals(2, exit);
        assertEquals("", out.toString(UTF_8));
        assertEquals(1, err.toString(UTF_8).lines().count(), err.toString(UTF_8));
        assertTrue(err.toString(UTF_8).startsWith("check: --distributed: RetryWeak checks a temporal PROPERTY"), err.toString(UTF_8));
    }

    @Test
    void aWorkerWithoutServerIsBadInputInOneLine() throws Exception {
        for (String[] args : List.of(new String[] {"127.0.0.1", "--port", String.valueOf(port), "--wait", "1"},
                new String[] {"no-such-host.invalid"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = WorkerCommand.run(args, quiet, new PrintStream(err, true, UTF_8));
            assertEquals(2, exit, err.toString(UTF_8));
            assertEquals(1, err.toString(UTF_8).lines().count(), err.toString(UTF_8));
            assertTrue(err.toString(UTF_8).startsWith("worker: "), err.toString(UTF_8));
        }
    }

    private DistributedTlc.Options options(int workers) {
        return new DistributedTlc.Options(workers, 1, InetAddress.getLoopbackAddress(), port);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
