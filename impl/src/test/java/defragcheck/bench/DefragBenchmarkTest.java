package defragcheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's logic at a small size: structure, pairing and verification only, never timings. */
class DefragBenchmarkTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "without e4defrag: {0}")
    @ValueSource(booleans = {false, true})
    void everyRoundPairsAllContendersOnVerifiedDefragsAndCleansUp(boolean noE4defrag) throws Exception {
        List<String> args = new ArrayList<>(List.of("--size-mib", "8", "--rounds", "2", "--layouts", "4K,64K", "--dir", dir.toString()));
        if (noE4defrag) {
            args.addAll(List.of("--no-e4defrag", "--no-xfs-fsr")); // and the default minimum timed second: the 8 MiB runs repeat
        } else {
            args.addAll(List.of("--min-seconds", "0"));
        }
        BenchOptions o = BenchOptions.parse(args.toArray(String[]::new));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        DefragBenchmark.Result r = DefragBenchmark.run(o, new PrintStream(text, true, StandardCharsets.UTF_8));
        String out = text.toString(StandardCharsets.UTF_8);
        boolean e4 = !noE4defrag && LoopFilesystem.unavailableReason().isEmpty();
        boolean fsr = !noE4defrag && LoopFilesystem.unavailableReason(LoopFilesystem.Type.XFS).isEmpty();

        assertTrue(r.allSound(), out);
        assertEquals(List.of("4K", "64K"), r.tables().stream().map(RoundTable::layout).toList());
        for (RoundTable t : r.tables()) {
            int fragments = t.layout().equals("4K") ? 2048 : 128;
            assertEquals(2, t.rounds().size());
            for (int round = 0; round < 2; round++) {
                Map<String, Measurement> m = t.rounds().get(round);
                Set<String> expected = new HashSet<>(Set.of("gather", "decs", "legacy"));
                if (e4) {
                    expected.add("e4defrag");
                }
                if (fsr) {
                    expected.add("xfs_fsr");
                }
                assertEquals(expected, m.keySet(), out);
                for (String ours : List.of("gather", "decs", "legacy")) {
                    assertEquals(fragments, m.get(ours).extentsBefore());
                    assertEquals(1, m.get(ours).extentsAfter());
                    long ok = m.get(ours).check().count(BlockPattern.Verdict.OK);
                    assertTrue(m.get(ours).check().intact() && ok % 2048 == 0 && ok / 2048 <= RoundRobin.MAX_RUNS, out);
                    assertEquals(ok * BlockPattern.BLOCK, m.get(ours).bytes());
                }
                assertTrue(t.ratio(round, DefragBenchmark.DECS_OVER_GATHER).isPresent());
                assertEquals(e4, t.ratio(round, DefragBenchmark.DECS_OVER_E4DEFRAG).isPresent());
                assertEquals(fsr, t.ratio(round, DefragBenchmark.DECS_OVER_XFS_FSR).isPresent());
                assertEquals(e4 && fsr, t.ratio(round, DefragBenchmark.E4DEFRAG_OVER_XFS_FSR).isPresent());
                for (String tool : List.of("e4defrag", "xfs_fsr")) {
                    if (m.containsKey(tool)) {
                        assertTrue(m.get(tool).extentsBefore() > fragments / 2, out);
                        assertTrue(m.get(tool).sound(), out);
                    }
                }
            }
            assertTrue(t.median(DefragBenchmark.DECS_OVER_GATHER).isPresent());
        }
        String json = out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        for (String key : List.of("\"kernel\":", "\"threads\":", "\"directIo\":true", "\"e4defrag\":", "\"fileMiB\":8")) {
            assertTrue(json.contains(key), json);
        }
        assertEquals(e4, json.contains("\"e4defragLoopDio\":"), json);
        assertEquals(!e4, json.contains("\"e4defrag\":\"skipped: "), json);
        assertEquals(fsr, json.contains("\"xfs_fsrLoopDio\":"), json);
        assertEquals(!fsr, json.contains("\"xfs_fsr\":\"skipped: "), json);
        assertTrue(out.contains("decs/gather median"), out);
        assertEquals(3, out.lines().filter(l -> l.startsWith("warm-up 4K ") && l.endsWith("blocks ok (not counted)")).count(), out);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the benchmark left files behind");
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = DefragBenchmark.main(new String[] {"--layouts", "5K"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.strip().lines().count(), e);
        assertTrue(e.startsWith("bench: --layouts takes fragment sizes"), e);
        assertFalse(e.contains("Exception"), e);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
