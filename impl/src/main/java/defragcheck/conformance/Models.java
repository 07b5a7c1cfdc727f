package defragcheck.conformance;

import java.nio.file.Path;

import defragcheck.harness.DeclaredModel;
import defragcheck.harness.Manifest;
import defragcheck.harness.Model;
import defragcheck.harness.ProjectRoot;
import defragcheck.harness.Verdict;

/** The models of model/manifest.json by name, and where conformance runs put their images. */
public final class Models {
    private Models() {}

    public static Model named(String name) {
        return declared(name).model();
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
        return d.model();
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
