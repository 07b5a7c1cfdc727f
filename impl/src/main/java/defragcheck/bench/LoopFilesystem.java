package defragcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fresh ext4 or XFS filesystem on an image file attached with {@code losetup --direct-io=on} and mounted: the
 * home of the e4defrag peer and of the kernel drivers. It owns exactly the loop device {@code losetup -f --show}
 * returned and detaches only that one, on close, on any failure while being built, and at JVM exit.
 */
public final class LoopFilesystem implements AutoCloseable {
    private static final List<String> LOOP_TOOLS = List.of("losetup", "mount", "umount", "fallocate", "sync");

    /** How to make and check one filesystem type. */
    public enum Type {
        EXT4("ext4.img", List.of("mkfs.ext4", "e4defrag", "filefrag", "e2fsck")),
        XFS("xfs.img", List.of("mkfs.xfs", "xfs_db", "xfs_repair", "xfs_fsr"));

        private final String imageName;
        private final List<String> tools;

        Type(String imageName, List<String> tools) {
            this.imageName = imageName;
            this.tools = tools;
        }

        public List<String> tools() {
            return tools;
        }

        void format(String device) throws IOException {
            if (this == EXT4) {
                ExternalTool.run("mkfs.ext4", "-q", "-F", "-b", "4096", "-E", "lazy_itable_init=0,lazy_journal_init=0", device);
            } else {
                ExternalTool.run("mkfs.xfs", "-q", "-f", "-b", "size=4096", device);
            }
        }
    }

    private final Type type;
    private final Path dir;
    private final Path image;
    private final Path mountPoint;
    /** Unmounts and detaches even when the JVM is stopped by a signal, where finally blocks do not run. */
    private final Thread onShutdown = new Thread(this::closeAtShutdown, "loop-fs-cleanup");
    private String device;
    private boolean mounted;

    private LoopFilesystem(Type type, Path dir) {
        this.type = type;
        this.dir = dir;
        this.image = dir.resolve(type.imageName);
        this.mountPoint = dir.resolve("mnt");
    }

    /** Why this machine cannot host a loop ext4 (not root, no loop devices, a tool missing), or empty if it can. */
    public static Optional<String> unavailableReason() {
        return unavailableReason(Type.EXT4);
    }

    /** Why this machine cannot host a loop filesystem of {@code type}, or empty if it can. */
    public static Optional<String> unavailableReason(Type type) {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of("not Linux");
        }
        try {
            boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*"));
            if (!root) {
                return Optional.of("not root");
            }
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status");
        }
        if (!Files.isWritable(Path.of("/dev/loop-control"))) {
            return Optional.of("/dev/loop-control is not writable");
        }
        List<String> tools = new ArrayList<>(LOOP_TOOLS);
        tools.addAll(type.tools);
        for (String tool : tools) {
            if (!ExternalTool.onPath(tool)) {
                return Optional.of(tool + " is not installed");
            }
        }
        return Optional.empty();
    }

    /** A loop ext4 of {@code imageBytes} in the new directory {@code dir}. */
    public static LoopFilesystem create(Path dir, long imageBytes) throws IOException {
        return create(Type.EXT4, dir, imageBytes);
    }

    /** Writes an image of {@code imageBytes} in the new directory {@code dir}, attaches, formats and mounts it. */
    public static LoopFilesystem create(Type type, Path dir, long imageBytes) throws IOException {
        Files.createDirectories(dir);
        LoopFilesystem fs = new LoopFilesystem(type, dir);
        Runtime.getRuntime().addShutdownHook(fs.onShutdown);
        try {
            // Written through, not sparse: the host's first-write allocation must not be timed later.
            DirectFile.zeroFill(fs.image, imageBytes);
            fs.device = attach(fs.image);
            type.format(fs.device);
            Files.createDirectories(fs.mountPoint);
            fs.mount();
            return fs;
        } catch (IOException | RuntimeException e) {
            fs.closeQuietly(e);
            throw e;
        }
    }

    private static String attach(Path image) throws IOException {
        try {
            return ExternalTool.run("losetup", "-f", "--show", "--direct-io=on", image.toString()).strip();
        } catch (IOException raced) {
            // Another process may have taken the free device between lookup and attach: retry once.
            return ExternalTool.run("losetup", "-f", "--show", "--direct-io=on", image.toString()).strip();
        }
    }

    /** Mounts the device again after {@link #unmount}. */
    public void mount() throws IOException {
        ExternalTool.run("mount", "-o", "noatime", device, mountPoint.toString());
        mounted = true;
    }

    /** Unmounts (every file of the filesystem must be closed); the loop device stays attached. */
    public void unmount() throws IOException {
        if (mounted) {
            ExternalTool.run("umount", mountPoint.toString());
            mounted = false;
        }
    }

    /**
     * When a file in the mount is still open (a thread, or an e4defrag child, mid-run at JVM exit)
     * umount says busy: detach the mount lazily instead; the loop device detached after it then
     * goes away by itself (autoclear) once its last user is gone.
     */
    private void umountEvenIfBusy() throws IOException {
        try {
            unmount();
        } catch (IOException busy) {
            ExternalTool.run("umount", "--lazy", mountPoint.toString());
            mounted = false;
        }
    }

    /** Unmounts and mounts again, which drops every cached page of the filesystem: the next access is cold. */
    public void remount() throws IOException {
        unmount();
        mount();
    }

    /** Makes everything written so far durable (sync -f on the filesystem). */
    public void sync() throws IOException {
        ExternalTool.run("sync", "-f", mountPoint.toString());
    }

    /**
     * ext4's reserve of free clusters kept back from ordinary allocation (for metadata of
     * unwritten-extent conversion and the like); /sys/fs/ext4/DEV/reserved_clusters.
     */
    public long reservedClusters() throws IOException {
        return Long.parseLong(Files.readString(reservedClustersFile()).strip());
    }

    public void setReservedClusters(long clusters) throws IOException {
        Files.writeString(reservedClustersFile(), Long.toString(clusters));
    }

    private Path reservedClustersFile() {
        return Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "reserved_clusters");
    }

    public Type type() {
        return type;
    }

    public Path mountPoint() {
        return mountPoint;
    }

    public Path image() {
        return image;
    }

    /** The loop device this object attached (e.g. /dev/loop3): the only device it ever writes or detaches. */
    public String device() {
        return device;
    }

    /** Whether the kernel reports direct I/O on for the loop device (it falls back silently otherwise). */
    public boolean loopDirectIo() {
        try {
            Path dio = Path.of("/sys/block", Path.of(device).getFileName().toString(), "loop", "dio");
            return Files.readString(dio).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    /** Unmounts, detaches the loop device this object attached, and deletes the image and directories. */
    @Override
    public synchronized void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException shuttingDown) {
            // the hook itself is running close()
        }
        List<IOException> failures = new ArrayList<>();
        try {
            umountEvenIfBusy();
        } catch (IOException e) {
            failures.add(e);
        }
        if (device != null && !mounted) {
            try {
                ExternalTool.run("losetup", "-d", device);
                device = null;
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (device == null) {
            Files.deleteIfExists(image);
            Files.deleteIfExists(mountPoint);
            Files.deleteIfExists(dir);
        }
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void closeAtShutdown() {
        try {
            close();
        } catch (IOException e) {
            System.err.println("loop filesystem cleanup at exit failed: " + e.getMessage());
        }
    }

    private void closeQuietly(Exception cause) {
        try {
            close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
