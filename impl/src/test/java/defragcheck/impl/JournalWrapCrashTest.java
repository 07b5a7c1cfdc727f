package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.Superblock;

/**
 * Enough transactions to fill the journal several times, so commits alternate between the journal and commits by
 * checkpoint (the journal full), and the journal restarts at its first block over obsolete records: a crash at
 * every write keeps every file whose creation was synced, and invents none.
 */
class JournalWrapCrashTest {
    private static final long BLOCKS = 160;
    private static final int FILES = 40;

    @TempDir
    Path dir;

    @Test
    void aCrashAtEveryWriteKeepsEverySyncedTransaction() throws Exception {
        Path image = dir.resolve("wrap.img");
        Filesystem.format(image, BLOCKS).close();
        byte[][] initial = blocks(Files.readAllBytes(image));
        CrashRecorder rec = new CrashRecorder();
        Map<String, Integer> durableFrom = new ConcurrentHashMap<>();
        try (Filesystem fs = Filesystem.open(image)) {
            fs.device().observe(rec);
            for (int i = 0; i < FILES; i++) {
                Inode f = fs.names().create("f" + i);
                fs.space().fallocate(f, 0, 1 + i % 2);
                fs.sync();
                durableFrom.put("f" + i, rec.flushes());
            }
        }
        Superblock sb = Superblock.forDevice(BLOCKS, Filesystem.MAX_INODES);
        assertTrue(2 * 2 * FILES > 3 * sb.journalBlocks(), "the run fills the journal several times");
        CrashExplorer.Result r = CrashExplorer.explore(initial, rec.epochs(), true, (fs, epoch) -> {
            List<String> v = new ArrayList<>();
            for (Map.Entry<String, Integer> e : durableFrom.entrySet()) {
                if (e.getValue() <= epoch && fs.names().lookup(e.getKey()) == null) {
                    v.add(DecsCrashScenario.LOST + e.getKey() + " was synced but is gone");
                }
            }
            for (Inode i : fs.names().inodes()) {
                if (!durableFrom.containsKey(i.name())) {
                    v.add("invented: " + i.name());
                }
            }
            return v;
        }, 3);
        System.out.println("journal wrap-around crash exploration: " + r);
        assertEquals(0, r.violating(), r.toString());
        assertTrue(r.states() > 4 * FILES, r.toString());
    }

    private static byte[][] blocks(byte[] all) {
        byte[][] out = new byte[all.length / BlockDevice.BLOCK_SIZE][];
        for (int b = 0; b < out.length; b++) {
            out[b] = java.util.Arrays.copyOfRange(all, b * BlockDevice.BLOCK_SIZE, (b + 1) * BlockDevice.BLOCK_SIZE);
        }
        return out;
    }
}
