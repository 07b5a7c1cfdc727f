package defragcheck.conformance;

import java.nio.file.Path;

import defragcheck.harness.Manifest;
import defragcheck.harness.Model;
import defragcheck.harness.ProjectRoot;

/** The models of model/manifest.json by name, and where conformance runs put their images. */
public final class Models {
    private Models() {}

    public static Model named(String name) {
        try {
            return Manifest.read(ProjectRoot.get(), Manifest.MODELS).find(name)
                    .orElseThrow(() -> new IllegalArgumentException("no model " + name + " in " + Manifest.MODELS)).model();
        } catch (Manifest.Invalid e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A directory on the project's filesystem (O_DIRECT needs a real filesystem, not tmpfs). */
    public static Path imageDir() {
        return ProjectRoot.get().resolve("target").resolve("conformance");
    }
}
