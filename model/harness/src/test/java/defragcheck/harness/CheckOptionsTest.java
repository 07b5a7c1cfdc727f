package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code check}'s options: the defaults, and each combination that makes no sense refused in one line. */
class CheckOptionsTest {

    @Test
    void defaultsAreOneWorkerInProcessOnLoopback() {
        CheckOptions o = CheckOptions.parse(new String[] {"DecsDax"});
        assertEquals(1, o.workerCount());
        assertEquals(InetAddress.getLoopbackAddress(), o.listen());
        assertEquals(DistributedTlc.DEFAULT_PORT, o.port());
        assertEquals(List.of("DecsDax"), o.names());
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, CheckOptions.parse(new String[] {"--deep"}).workerCount());
        assertEquals(cores, CheckOptions.parse(new String[] {"--distributed"}).workerCount());
        assertEquals(3, CheckOptions.parse(new String[] {"--distributed", "--workers", "3", "--port", "12000"}).workerCount());
    }

    @Test
    void senselessCombinationsAreRefusedInOneLine() {
        for (String args : List.of("--listen 127.0.0.1", "--port 12000", "--workers 0", "--distributed --workers 0",
                "--disk --distributed", "--distributed --listen 0.0.0.0", "--distributed --listen no-such-host.invalid",
                "--distributed --listen 192.0.2.254.1", "--workers 257", "--port 80", "--workers")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckOptions.parse(args.split(" ")), args);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("--"), args + ": " + e.getMessage());
        }
    }
}
