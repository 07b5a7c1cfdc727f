package defragcheck.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names for a run's working files and directories that carry the creating JVM's process id ({@code PREFIX-PID-N}),
 * so that a later run can remove those a killed run left behind: a name is provably a leftover when its process is
 * gone. Shutdown hooks remove what an interrupted run made; this removes what a SIGKILL left.
 */
public final class Leftovers {
    private static final Pattern TAGGED = Pattern.compile("(.*)-(\\d+)-(\\d+)(\\.[a-z]+)?");

    private Leftovers() {}

    /** {@code prefix-PID-N}: a fresh name owned by this process. */
    public static String name(String prefix) {
        return owned(prefix) + System.nanoTime();
    }

    /** {@code prefix-PID-}: the start of a name owned by this process (for a temp file, which appends a number). */
    public static String owned(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-";
    }

    /** Removes the entries of {@code dir} named {@code prefix-PID-N[.ext]} whose process no longer runs. */
    public static void removeOrphans(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Matcher m = TAGGED.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).startsWith(prefix) && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                    deleteTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover we cannot remove now is tried again by the next run
        }
    }

    /** Removes {@code path} and everything under it, if it exists. */
    public static void deleteTree(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }
}
