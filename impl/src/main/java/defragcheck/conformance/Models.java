package defragcheck.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

import defragcheck.harness.Model;
import defragcheck.harness.ProjectRoot;

/** The models of model/ by name (model/NAME.tla with model/NAME.cfg), and where conformance runs put their images. */
public final class Models {
    private Models() {}

    /**
     * The model's own files, not its manifest entry: the rig's models need not be declared in model/manifest.json
     * (whose expectations are the model harness's business), only to exist.
     */
    public static Model named(String name) {
        Path root = ProjectRoot.get();
        Model m = Model.of(root.resolve("model"), name, root.resolve("spec"));
        if (!Files.isRegularFile(m.tla()) || !Files.isRegularFile(m.cfg())) {
            throw new IllegalArgumentException("no model " + name + " (" + m.tla() + ", " + m.cfg() + ")");
        }
        return m;
    }

    /** A directory on the project's filesystem (O_DIRECT needs a real filesystem, not tmpfs). */
    public static Path imageDir() {
        return ProjectRoot.get().resolve("target").resolve("conformance");
    }
}
