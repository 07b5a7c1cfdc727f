package defragcheck.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock-TLC child of {@code bench-models} listens (TLC's fingerprint set is an RMI server) on loopback only, as
 * the in-process runs do; plain {@code tlc2.TLC} in the same command listens on every interface, which is what the
 * child used to do. Listening sockets are read from /proc: the child's socket inodes in /proc/net/tcp{,6}.
 */
class StockTlcLoopbackTest {
    private static final String LISTEN = "0A";

    @TempDir
    Path work;

    @Test
    void theStockChildListensOnLoopbackOnly() throws Exception {
        Model model = Manifest.read(ProjectRoot.get(), Manifest.MODELS).find("DecsDax").orElseThrow().model();
        List<String> cmd = StockTlc.command(model, work.resolve("meta"), 1);
        Set<String> ours = listeners(cmd, model);
        assertFalse(ours.isEmpty(), "no listening socket seen: the check says nothing");
        assertTrue(ours.stream().allMatch(StockTlcLoopbackTest::loopback), "listens beyond loopback: " + ours);

        List<String> plain = new ArrayList<>(cmd);
        plain.set(plain.indexOf(LoopbackTlc.class.getName()), "tlc2.TLC");
        // Its own metadir: the first child was killed mid-run, and what it left there can stop a second TLC at once.
        plain.set(plain.indexOf("-metadir") + 1, work.resolve("meta-plain").toString());
        Set<String> stock = listeners(plain, model);
        assertTrue(stock.stream().anyMatch(a -> !loopback(a)), "plain tlc2.TLC listens on loopback only here: " + stock);
    }

    /** The local addresses (hex, as /proc shows them) the child listens on while it runs, until it has listened a while. */
    private static Set<String> listeners(List<String> cmd, Model model) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(model.tla().getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> seen = new TreeSet<>();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && System.nanoTime() < end && seen.isEmpty()) {
                seen.addAll(listening(sockets(p.pid())));
                Thread.sleep(5);
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
        return seen;
    }

    private static Set<String> sockets(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closed) {
                    // the descriptor went away meanwhile
                }
            }
        } catch (IOException exited) {
            // the process is gone
        }
        return inodes;
    }

    private static Set<String> listening(Set<String> inodes) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            if (!Files.exists(Path.of(table))) {
                continue; // no IPv6 on this machine
            }
            List<String> lines = Files.readAllLines(Path.of(table)); // one read: the table changes as sockets come and go
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    out.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return out;
    }

    /** 127.0.0.1, ::1 or ::ffff:127.0.0.1 in /proc's hex. */
    private static boolean loopback(String hex) {
        return hex.equals("0100007F") || hex.equals("00000000000000000000000001000000") || hex.equals("0000000000000000FFFF00000100007F");
    }
}
