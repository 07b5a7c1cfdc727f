package defragcheck.harness;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.NumeralNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.StringNode;

/**
 * A short TLA+ text for a small expression of the spec ({@code Readable(f, lb)}, {@code <<f, lb>>},
 * {@code disk[r.blk]}), for naming the operands of a false formula; "…" for what it does not spell out.
 */
final class FormulaText {
    private static final Set<String> INFIX = Set.of("=", "/=", "#", "\\in", "\\notin", "\\subseteq", "\\cup", "\\cap", "\\",
            "<", ">", "\\leq", "\\geq", "=<", ">=", "+", "-", "\\X");

    private FormulaText() {}

    static String of(ExprOrOpArgNode node) {
        return of(node, 0);
    }

    private static String of(ExprOrOpArgNode node, int depth) {
        if (depth > 6) return "…";
        if (node instanceof StringNode s) return "\"" + s.getRep() + "\"";
        if (node instanceof NumeralNode n) return String.valueOf(n.val());
        if (!(node instanceof OpApplNode appl)) return "…";
        String op = appl.getOperator().getName().toString();
        ExprOrOpArgNode[] args = appl.getArgs();
        List<String> parts = Stream.of(args).map(a -> of(a, depth + 1)).toList();
        switch (op) {
            case "$Tuple": return "<<" + String.join(", ", parts) + ">>";
            case "$FcnApply": return parts.size() == 2 ? parts.get(0) + "[" + parts.get(1) + "]" : "…";
            case "$RcdSelect": return parts.size() == 2 ? parts.get(0) + "." + parts.get(1).replace("\"", "") : "…";
            case "$SetEnumerate": return "{" + String.join(", ", parts) + "}";
            default: break;
        }
        if (INFIX.contains(op) && parts.size() == 2) return parts.get(0) + " " + op + " " + parts.get(1);
        if (op.startsWith("$")) return "…";
        return parts.isEmpty() ? op : op + parts.stream().collect(Collectors.joining(", ", "(", ")"));
    }
}
