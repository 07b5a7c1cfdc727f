package defragcheck.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import defragcheck.harness.DeclaredModel;
import defragcheck.harness.Manifest;
import defragcheck.harness.Model;
import defragcheck.harness.ProjectRoot;
import defragcheck.harness.Verdict;

/** The models of model/ by name (model/NAME.tla with model/NAME.cfg or NAMECause.cfg), and where conformance runs put their images. */
public final class Models {
    private Models() {}

    /**
     * The model's own files, not its manifest entry: the rig's models need not be declared in model/manifest.json
     * (whose expectations are the model harness's business), only to exist.
     */
    public static Model named(String name) {
        return existing(Model.of(dir(), name, ProjectRoot.get().resolve("spec")));
    }

    /** The cause model of {@code name}: its module with model/NAMECause.cfg, which checks the structural invariants. */
    public static Model cause(String name) {
        return existing(new Model(dir().resolve(name + ".tla"), dir().resolve(name + "Cause.cfg"),
                List.of(ProjectRoot.get().resolve("spec"))));
    }

    private static Path dir() {
        return ProjectRoot.get().resolve("model");
    }

    private static Model existing(Model m) {
        if (!Files.isRegularFile(m.tla()) || !Files.isRegularFile(m.cfg())) {
            throw new IllegalArgumentException("no model " + m.name() + " (" + m.tla() + ", " + m.cfg() + ")");
        }
        return m;
    }

    /**
     * A model whose declared result is success: the spec's behaviours then conform to the implementation's, which a
     * conformance run needs (a failing model, such as LegacyDax, stops at its violation).
     */
    public static Model conforming(String name) {
        DeclaredModel d = declared(name);
        if (d.expected() != Verdict.SUCCESS) {
            throw new IllegalArgumentException(name + " is declared " + d.expectation() + ", not success: only passing models"
                    + " can be replayed and validated to the end");
        }
        return named(name);
    }

    /** The property the manifest declares {@code name} violates, or empty if it is declared to pass. */
    public static java.util.Optional<String> declaredViolation(String name) {
        DeclaredModel d = declared(name);
        return d.expected() == Verdict.SUCCESS ? java.util.Optional.empty() : java.util.Optional.of(d.violated());
    }

    private static DeclaredModel declared(String name) {
        try {
            return Manifest.read(ProjectRoot.get(), Manifest.MODELS).find(name)
                    .orElseThrow(() -> new IllegalArgumentException("no model " + name + " in " + Manifest.MODELS));
        } catch (Manifest.Invalid e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A directory on the project's filesystem (O_DIRECT needs a real filesystem, not tmpfs). */
    public static Path imageDir() {
        return ProjectRoot.get().resolve("target").resolve("conformance");
    }
}
