package defragcheck.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A model module's header comment, which tells its counterexample's story step by step. */
final class ModelStory {
    private ModelStory() {}

    /** The comment lines between the MODULE line and the first definition, without comment marks. */
    static String of(Path tla) {
        List<String> lines;
        try {
            lines = Files.readAllLines(tla);
        } catch (IOException e) {
            return "";
        }
        List<String> out = new ArrayList<>();
        boolean started = false;
        for (String line : lines) {
            String t = line.strip();
            if (!started) {
                started = t.contains("MODULE");
                continue;
            }
            if (t.startsWith("\\*")) out.add(t.substring(2).strip());
            else if (t.startsWith("(*")) out.add(t.replaceAll("^\\(\\*+", "").replaceAll("\\*+\\)$", "").strip());
            else if (!t.isEmpty()) break;
        }
        return String.join("\n", out).strip();
    }
}
