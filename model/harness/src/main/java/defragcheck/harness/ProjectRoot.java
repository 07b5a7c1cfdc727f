package defragcheck.harness;

import java.nio.file.Path;

/**
 * The project directory that holds {@code spec/}, {@code model/} and the manifests: {@code
 * -Ddefragcheck.root}, by default the working directory (Maven runs the tests there; the CLI is run from the checkout).
 */
public final class ProjectRoot {
    private ProjectRoot() {}

    public static Path get() {
        return Path.of(System.getProperty("defragcheck.root", "")).toAbsolutePath().normalize();
    }

    /** {@code p} as a reader wants to see it: relative to the working directory when inside it. */
    public static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
