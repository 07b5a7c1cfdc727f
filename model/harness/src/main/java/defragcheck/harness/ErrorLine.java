package defragcheck.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Condenses TLC's (or SANY's) report of why a model could not be checked into one line of the form
 * {@code FILE:LINE:COLUMN: MESSAGE}, the way compilers report errors, so that a reader can jump to it.
 */
final class ErrorLine {
    private static final Pattern PARSE = Pattern.compile(
            "\\*\\*\\*Parse Error\\*\\*\\*\\s*\\n\\s*(.*?at line (\\d+), column (\\d+).*?)\\s*\\n");
    private static final Pattern PARSED_MODULE = Pattern.compile("Could not parse module (\\S+)");
    private static final Pattern SEMANTIC = Pattern.compile(
            "\\*\\*\\* Errors: \\d+\\s*\\n\\s*line (\\d+), col (\\d+) to line \\d+, col \\d+ of module (\\S+)\\s*\\n\\s*\\n(.*)");
    private static final Pattern NO_MODULE = Pattern.compile(
            "Cannot find source file for module (\\S+) imported in module (\\S+?)\\.?\\s*\\n");
    private static final Pattern CFG_LINE = Pattern.compile("configuration file at line (\\d+)");
    private static final Pattern LOCATION = Pattern.compile("line (\\d+), col (\\d+) to line \\d+, col \\d+ of module (\\w+)");
    /** Where an evaluation error happened: TLC lists the nested expressions, innermost last. */
    private static final Pattern NESTED = Pattern.compile("\\d+\\. Line (\\d+), column (\\d+) to line \\d+, column \\d+ in (\\w+)");
    /** TLC wraps some errors in this boilerplate; only what follows it says anything. */
    private static final Pattern UNEXPECTED = Pattern.compile("(?s)TLC threw an unexpected exception.*?The exception was a \\S+\\s*\\n:\\s*");

    private ErrorLine() {}

    static String of(Model model, RunRecorder rec, String output) {
        Matcher m = PARSE.matcher(output);
        if (m.find()) {
            Matcher module = PARSED_MODULE.matcher(output);
            Path file = module.find() ? model.moduleFile(module.group(1)) : model.tla();
            return at(file, m.group(2), m.group(3), "parse error: " + m.group(1));
        }
        m = SEMANTIC.matcher(output);
        if (m.find()) return at(model.moduleFile(m.group(3)), m.group(1), m.group(2), m.group(4).trim());
        m = NO_MODULE.matcher(output);
        if (m.find()) {
            Path importer = model.moduleFile(m.group(2));
            return located(importer, m.group(1), "cannot find module " + m.group(1) + " (looked in "
                    + String.join(", ", searchPath(model)) + ")");
        }
        String text = firstError(output);
        m = CFG_LINE.matcher(text);
        if (m.find()) {
            return ProjectRoot.display(model.cfg()) + ":" + m.group(1) + ": "
                    + text.substring(m.end()).replaceFirst("^[\\s.,:]+", "");
        }
        m = LOCATION.matcher(text);
        if (m.find()) return at(model.moduleFile(m.group(3)), m.group(1), m.group(2), text);
        m = NESTED.matcher(output);
        String[] innermost = null;
        while (m.find()) innermost = new String[] {m.group(1), m.group(2), m.group(3)};
        if (innermost != null) return at(model.moduleFile(innermost[2]), innermost[0], innermost[1], text);
        if (text.contains("configuration file")) {
            // TLC passes the offending cfg entry as a message parameter: point at it in the cfg.
            for (RunRecorder.Message msg : rec.messages) {
                for (Object p : msg.params()) {
                    String name = String.valueOf(p);
                    if (!name.matches("\\w+") || !text.contains(name)) continue;
                    String line = located(model.cfg(), name, text);
                    if (!line.startsWith(ProjectRoot.display(model.cfg()) + ": ")) return line;
                }
            }
            return ProjectRoot.display(model.cfg()) + ": " + text;
        }
        return ProjectRoot.display(model.tla()) + ": " + text;
    }

    /** The first paragraph starting with "Error:" that says more than "parsing failed", on one line. */
    private static String firstError(String output) {
        String[] paragraphs = output.split("\\n\\s*\\n|\\n(?=Error:)|\\n(?=Finished in)");
        for (String p : paragraphs) {
            String t = p.strip();
            if (!t.startsWith("Error:")) continue;
            t = UNEXPECTED.matcher(t.substring("Error:".length()).strip()).replaceFirst("");
            return t.replaceAll("\\s*\\n\\s*", " ").strip();
        }
        return "TLC stopped without saying why (see its output)";
    }

    private static String at(Path file, String line, String column, String message) {
        return ProjectRoot.display(file) + ":" + line + ":" + column + ": " + message.replaceAll("\\s*\\n\\s*", " ");
    }

    /** Points at the first whole-word occurrence of {@code word} in {@code file}, if it occurs. */
    static String located(Path file, String word, String message) {
        try {
            List<String> lines = Files.readAllLines(file);
            Pattern p = Pattern.compile("\\b" + Pattern.quote(word) + "\\b");
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = p.matcher(lines.get(i));
                if (m.find()) return at(file, String.valueOf(i + 1), String.valueOf(m.start() + 1), message);
            }
        } catch (IOException e) {
            // Unreadable: name the file without a position.
        }
        return ProjectRoot.display(file) + ": " + message;
    }

    private static List<String> searchPath(Model model) {
        List<Path> dirs = new java.util.ArrayList<>();
        dirs.add(model.tla().getParent());
        dirs.addAll(model.library());
        return dirs.stream().map(ProjectRoot::display).toList();
    }
}
