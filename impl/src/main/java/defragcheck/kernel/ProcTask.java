package defragcheck.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What /proc says of one thread ({@code /proc/PID/task/TID}): its scheduler state and, for root, its kernel stack. */
final class ProcTask {
    private ProcTask() {}

    static Path of(long pid, long tid) {
        return Path.of("/proc/" + pid + "/task/" + tid);
    }

    /** The threads of process {@code pid}; empty once it has exited. */
    static List<Path> threads(long pid) {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.toList();
        } catch (IOException exited) {
            return List.of();
        }
    }

    /** 'D' while it sleeps uninterruptibly (a lock, an I/O wait, a userfault), '?' if it is gone. */
    static char state(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException gone) {
            return '?';
        }
    }

    /** Its kernel stack, innermost first, function names only; empty if unreadable. */
    static List<String> stack(Path task) {
        try {
            return Files.readAllLines(task.resolve("stack")).stream()
                    .map(l -> l.replaceAll("^\\[<[0-9a-f]+>\\] ", "").replaceAll("\\+0x.*$", "")).toList();
        } catch (IOException gone) {
            return List.of();
        }
    }
}
