package defragcheck.harness;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest in the tlaplus/Examples format (modules, each with its models and their expected
 * results), plus a "violated" field naming what a failing model must break. Paths in it are relative
 * to the project root; modules EXTEND the spec library {@code spec/}.
 */
public record Manifest(Path file, List<DeclaredModel> models) {
    public static final String MODELS = "model/manifest.json";
    public static final String PROOFS = "proofs/manifest.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Json(List<Module> modules) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Module(String path, List<String> features, List<ModelEntry> models) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelEntry(String path, String runtime, String result, Long distinctStates, Long totalStates,
            Long stateDepth, String violated, DeclaredModel.Cell cell, String size) {}

    /** Thrown for a manifest that cannot be read; the message is one line naming the file and position. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    public static Manifest read(Path root, String relative) throws Invalid {
        Path file = root.resolve(relative);
        String where = ProjectRoot.display(file);
        Json json;
        try {
            json = new ObjectMapper().readValue(Files.readString(file), Json.class);
        } catch (NoSuchFileException e) {
            throw new Invalid(where + ": file not found");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : at.getLineNr() + ":" + at.getColumnNr() + ":";
            throw new Invalid(where + ":" + position + " " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new Invalid(where + ": " + e.getMessage());
        }
        if (json == null || json.modules() == null) throw new Invalid(where + ": no \"modules\" list");
        List<DeclaredModel> models = new ArrayList<>();
        for (Module module : json.modules()) {
            if (module.path() == null || module.models() == null) {
                throw new Invalid(where + ": a module without \"path\" or \"models\"");
            }
            for (ModelEntry m : module.models()) models.add(declared(root, where, module, m));
        }
        return new Manifest(file, List.copyOf(models));
    }

    /** True if the project has this manifest (proofs/manifest.json is optional). */
    public static boolean exists(Path root, String relative) {
        return Files.exists(root.resolve(relative));
    }

    private static DeclaredModel declared(Path root, String where, Module module, ModelEntry m) throws Invalid {
        if (m.path() == null) throw new Invalid(where + ": a model of " + module.path() + " has no \"path\"");
        if (m.size() != null && !m.size().equals("small") && !m.size().equals(DeclaredModel.DEEP)) {
            throw new Invalid(where + ": " + m.path() + ": size \"" + m.size() + "\" is not small or deep");
        }
        Verdict expected = Verdict.fromLabel(String.valueOf(m.result())).filter(v -> v != Verdict.ERROR)
                .orElseThrow(() -> new Invalid(where + ": " + m.path() + ": result \"" + m.result()
                        + "\" is not success, safety failure, deadlock failure or liveness failure"));
        Model model = new Model(root.resolve(module.path()), root.resolve(m.path()), List.of(root.resolve("spec")));
        return new DeclaredModel(model.name(), model, expected, m.violated(), m.distinctStates(), m.totalStates(),
                m.stateDepth(), m.runtime(), module.features() == null ? List.of() : List.copyOf(module.features()), m.cell(), m.size());
    }

    /** The declared model called {@code name}, if any. */
    public java.util.Optional<DeclaredModel> find(String name) {
        return models.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
