package defragcheck.harness;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol table of README: one row per protocol, one column per mode (page cache or DAX, without
 * or with crashes), each cell the verdict of the model the manifest places there ("cell"), with its
 * distinct states and run time as declared. {@code mvn test} checks the declarations against TLC and
 * that README holds exactly this table, so README cannot drift from the models.
 */
public final class ProtocolTable {
    public static final String BEGIN = "<!-- protocol table: `java -jar target/defragcheck.jar table` writes it -->";
    public static final String END = "<!-- end of protocol table -->";
    private static final String NOT_MODELLED = "not modelled";

    private ProtocolTable() {}

    /** {@code table}: print the table of the project's manifests. */
    public static int run(String[] args) {
        if (args.length > 0) {
            System.err.println("table: takes no arguments; it prints README's protocol table from the manifests");
            return 2;
        }
        try {
            print(declared(ProjectRoot.get()), System.out);
            return 0;
        } catch (Manifest.Invalid e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    static List<DeclaredModel> declared(Path root) throws Manifest.Invalid {
        List<DeclaredModel> models = new ArrayList<>(Manifest.read(root, Manifest.MODELS).models());
        if (Manifest.exists(root, Manifest.PROOFS)) models.addAll(Manifest.read(root, Manifest.PROOFS).models());
        return models;
    }

    /** The table in Markdown, between README's markers. */
    public static String markdown(List<DeclaredModel> models) {
        Map<String, DeclaredModel[]> rows = new LinkedHashMap<>();
        for (DeclaredModel d : models) {
            DeclaredModel.Cell c = d.cell();
            if (c == null || d.deep()) continue;  // the table gives the default set's verdicts; deep ones are README's deep table
            DeclaredModel[] row = rows.computeIfAbsent(c.protocol(), p -> new DeclaredModel[4]);
            int column = (c.crash() ? 2 : 0) + (c.dax() ? 1 : 0);
            if (row[column] != null) {
                throw new IllegalStateException(d.name() + " and " + row[column].name() + " claim the same cell");
            }
            row[column] = d;
        }
        StringBuilder md = new StringBuilder(BEGIN).append('\n');
        md.append("| protocol | page cache | DAX | page cache, crash | DAX, crash |\n");
        md.append("|---|---|---|---|---|\n");
        rows.forEach((protocol, row) -> {
            md.append("| ").append(protocol);
            for (DeclaredModel d : row) md.append(" | ").append(d == null ? NOT_MODELLED : cell(d));
            md.append(" |\n");
        });
        return md.append(END).append('\n').toString();
    }

    /** "keeps the data · `DecsNoDax` · 98,472 states · 31 s" or "**breaks Integrity** · `XfsFsrNoDax` · ...". */
    private static String cell(DeclaredModel d) {
        String verdict = d.expected() == Verdict.SUCCESS ? "keeps the data"
                : "**" + (d.violated() == null ? d.expected().label() : "breaks " + d.violated()) + "**";
        String states = d.distinctStates() == null ? "" : String.format(" · %,d states", d.distinctStates());
        return verdict + " · `" + d.name() + "`" + states + " · " + seconds(d.runtime()) + " s";
    }

    private static long seconds(String runtime) {
        if (runtime == null) return 0;
        String[] hms = runtime.split(":");
        long s = 0;
        for (String part : hms) s = s * 60 + Long.parseLong(part);
        return s;
    }

    static void print(List<DeclaredModel> models, PrintStream out) {
        out.print(markdown(models));
    }
}
