package defragcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import defragcheck.kernel.sys.Fiemap;
import defragcheck.kernel.sys.GoingDown;
import defragcheck.kernel.sys.MoveExtent;
import defragcheck.kernel.sys.XfsExchangeRange;
import defragcheck.kernel.sys.XfsSwapext;

/** Bad input is one line and exit 2; the ioctl numbers are the kernel headers' (runs everywhere). */
class KernelCommandTest {
    private static String[] run(int[] exit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        exit[0] = KernelCommand.run(args, new PrintStream(out), new PrintStream(err));
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() {
        for (String[] args : new String[][] {{"--bogus"}, {"--soak"}, {"--soak", "-3"}, {"--schedules", "x"}, {"--only", "zfs"}}) {
            int[] exit = new int[1];
            String[] o = run(exit, args);
            assertEquals(2, exit[0], String.join(" ", args));
            assertEquals(1, o[1].strip().lines().count(), o[1]);
            assertTrue(o[0].isEmpty());
        }
    }

    @Test
    void aWorkDirectoryOnTmpfsIsRefused() {
        if (!Files.isDirectory(Path.of("/dev/shm"))) {
            return;
        }
        assertTrue(KernelCommand.unsuitableDir(Path.of("/dev/shm/defragcheck-x")).orElse("").contains("tmpfs"));
        assertTrue(KernelCommand.unsuitableDir(Path.of("target")).isEmpty());
    }

    @Test
    void ioctlNumbersMatchTheKernelHeaders() {
        assertEquals(0xC028660FL, MoveExtent.REQUEST);           // _IOWR('f', 15, struct move_extent)
        assertEquals(0xC020660BL, Fiemap.REQUEST);               // _IOWR('f', 11, struct fiemap)
        assertEquals(0x8004587DL, GoingDown.REQUEST);            // _IOR('X', 125, __u32)
        assertEquals(0xC0C0586DL, XfsSwapext.REQUEST);           // _IOWR('X', 109, struct xfs_swapext), 192 bytes
        assertEquals(0x40285881L, XfsExchangeRange.EXCHANGE);    // _IOW('X', 129, struct xfs_exchange_range)
        assertEquals(0x80585882L, XfsExchangeRange.START_COMMIT);// _IOR('X', 130, struct xfs_commit_range), 88 bytes
        assertEquals(0x40585883L, XfsExchangeRange.COMMIT);
    }
}
