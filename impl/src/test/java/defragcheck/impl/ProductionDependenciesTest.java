package defragcheck.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

import com.sun.jna.Native;

/**
 * The filesystem and its defrag ({@code defragcheck.impl}, the Maven module impl/core) are production code: they
 * depend on the JDK, JNA and themselves only, never on the verification rig (conformance, the model harness, TLC's
 * tools; the module's pom does not let them compile otherwise, and this checks what the module's classes refer to),
 * and the CLI defragments an image with a classpath that has no TLA+ tools at all.
 */
class ProductionDependenciesTest {
    /** The CLI's classes (this module's). */
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Pattern EDGE = Pattern.compile("^\\s+(defragcheck\\.impl[\\w.]*)\\s+->\\s+(\\S+)", Pattern.MULTILINE);

    @Test
    void theImplementationDependsOnTheJdkJnaAndItselfOnly() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-cp", jna(), core());
        assertEquals(0, rc, out::toString);
        TreeSet<String> foreign = new TreeSet<>();
        int edges = 0;
        Matcher m = EDGE.matcher(out.toString());
        while (m.find()) {
            edges++;
            String to = m.group(2);
            if (!(to.startsWith("java.") || to.startsWith("javax.") || to.startsWith("com.sun.nio.") || to.startsWith("com.sun.jna")
                    || to.startsWith("defragcheck.impl"))) {
                foreign.add(m.group(1) + " -> " + to);
            }
        }
        assertTrue(edges > 20, () -> "jdeps listed too few dependencies of defragcheck.impl to be believed:\n" + out);
        assertEquals(List.of(), List.copyOf(foreign), "production packages that depend on the verification rig or TLC");
    }

    @Test
    void theCliDefragmentsAnImageWithoutTheTlaTools() throws Exception {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "production-"); // O_DIRECT: not on a tmpfs /tmp
        Path image = dir.resolve("production.img");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, CLASSES.toAbsolutePath().toString(), core(), jna()), "defragcheck.Main",
                "image", "--image", image.toString(), "--size-mib", "32", "--file-mib", "4")
                .redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI did not finish within 120 s");
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("OK: defragmented and every block intact"), output);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(image);
            Files.deleteIfExists(dir);
        }
    }

    /** The JNA jar on this test's classpath. */
    private static String jna() {
        return locationOf(Native.class);
    }

    /** The production module's classes (or jar) on this test's classpath. */
    private static String core() {
        return locationOf(defragcheck.impl.fs.Filesystem.class);
    }

    private static String locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
