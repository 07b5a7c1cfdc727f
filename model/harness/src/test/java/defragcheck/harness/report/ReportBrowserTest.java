package defragcheck.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import defragcheck.harness.Comparison;
import defragcheck.harness.DeclaredModel;
import defragcheck.harness.Manifest;
import defragcheck.harness.ProjectRoot;
import defragcheck.harness.TlcRunner;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The page as a reviewer sees it: headless Chromium renders the counterexample of {@code LegacyDax}
 * (the 2016 DAX corruption) and the screenshot must have the requested size, not be blank, and show
 * the diagram's lane colours and the red of the violation. The screenshot stays in
 * {@code target/report-screenshots/} to be looked at. Skips, saying why, only where no Chromium is
 * installed ({@code .ci/run} installs Debian's {@code chromium}).
 */
class ReportBrowserTest {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1100;
    private static final Path OUT = Path.of("target/report-screenshots").toAbsolutePath();

    @Test
    void aCounterexamplePageRendersInChromium() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium on this machine (.ci/run installs Debian's chromium)");
        Path root = ProjectRoot.get();
        DeclaredModel d = Manifest.read(root, Manifest.MODELS).find("LegacyDax").orElseThrow();
        Comparison c = Comparison.of(d, TlcRunner.check(d.model()));
        assertTrue(c.matches(), c::report);
        Path site = OUT.resolve("site");
        ReportSite.write(site, root, List.of(c));
        Path png = OUT.resolve("LegacyDax.png");
        Files.deleteIfExists(png);

        Chromium.screenshot(chromium.get(), site.resolve("cx/LegacyDax.html"), png, WIDTH, HEIGHT, OUT.resolve("profile"));

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH, image.getWidth(), "screenshot width");
        assertEquals(HEIGHT, image.getHeight(), "screenshot height");
        long nonWhite = 0;
        long violationRed = 0;
        long defragBlue = 0;
        long writerGreen = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (r < 245 || g < 245 || b < 245) nonWhite++;
                if (r > 170 && g < 70 && b < 80) violationRed++;
                if (near(rgb, 0xdbe8fb)) defragBlue++;
                if (near(rgb, 0xdff2df)) writerGreen++;
            }
        }
        long pixels = (long) WIDTH * HEIGHT;
        assertTrue(nonWhite > pixels / 50, "not blank: " + nonWhite + " of " + pixels + " pixels are not white");
        assertTrue(violationRed > 500, "the violation's red is visible: " + violationRed + " pixels");
        assertTrue(defragBlue > 2000, "the defrag lane is drawn: " + defragBlue + " pixels");
        assertTrue(writerGreen > 2000, "the mmap writer's lane is drawn: " + writerGreen + " pixels");
    }

    private static boolean near(int rgb, int target) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) > 3) return false;
        }
        return true;
    }

    /** Debian's chromium, run headless for one screenshot; the process and its children never outlive the call. */
    static final class Chromium {
        private Chromium() {}

        static Optional<Path> find() {
            for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
                Path p = Path.of(candidate);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
            return Optional.empty();
        }

        static void screenshot(Path chromium, Path page, Path png, int width, int height, Path profile) throws IOException, InterruptedException {
            Files.createDirectories(profile);
            Path log = png.resolveSibling(png.getFileName() + ".log");
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile, "--screenshot=" + png,
                    "--window-size=" + width + "," + height, page.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // Chromium starts helper processes (zygote, GPU, crashpad): remember each one seen, so that none
            // outlives the test even if the browser exits first and they are re-parented.
            java.util.Set<ProcessHandle> seen = new java.util.HashSet<>();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(seen::add);
                    if (System.nanoTime() > deadline) throw new AssertionError("chromium took over 120 s: " + read(log));
                }
                assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(log));
                assertTrue(Files.isRegularFile(png), () -> "chromium wrote no screenshot: " + read(log));
            } finally {
                p.descendants().forEach(seen::add);
                seen.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                deleteTree(profile.toFile());
            }
        }

        private static String read(Path log) {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        private static void deleteTree(File f) {
            File[] children = f.listFiles();
            if (children != null) for (File c : children) deleteTree(c);
            f.delete();
        }
    }
}
