package defragcheck.harness.report;

import defragcheck.harness.ActionInstance;
import defragcheck.harness.Change;
import defragcheck.harness.CheckResult;
import defragcheck.harness.Counterexample;
import defragcheck.harness.Culprit;
import defragcheck.harness.TraceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A counterexample as a sequence diagram in SVG: one lane per actor ({@link ActorLanes}), one row per
 * step with the action and its parameters in the lane of the actor that took it (linked to its
 * definition), an arrow to the device lane for each write to the device, and the variables the step
 * changed beside the row. The steps that touched the block the violated invariant fails on are
 * marked red, the last row names the failure, and a liveness lasso's loop is drawn back to its start.
 */
final class SequenceDiagram {
    static final int LANE_WIDTH = 176;
    private static final int LEFT = 76;
    private static final int TOP = 58;
    private static final int LINE = 14;
    private static final int CHANGES_WIDTH = 600;
    private static final int MAX_CHANGE_LINES = 7;
    private static final int PARAM_CHARS = 23;
    private static final int CHANGE_CHARS = 84;

    private SequenceDiagram() {}

    static String svg(CheckResult result, SpecLinks links, List<BlockRef> blocks) {
        Counterexample cx = result.counterexample();
        List<TraceState> states = cx.states();
        List<Lane> lanes = ActorLanes.used(states, cx.loopStep());
        List<Set<Integer>> physical = blocks.stream().map(b -> b.physicalBlocks(states)).toList();
        int changesX = LEFT + lanes.size() * LANE_WIDTH + 18;
        int width = changesX + CHANGES_WIDTH;

        StringBuilder body = new StringBuilder();
        int y = TOP + 8;
        int[] rowTop = new int[states.size()];
        int[] rowBottom = new int[states.size()];
        for (int i = 0; i < states.size(); i++) {
            TraceState s = states.get(i);
            rowTop[i] = y;
            boolean touched = false;
            for (int b = 0; b < blocks.size(); b++) touched |= i > 0 && blocks.get(b).touchedBy(s, physical.get(b));
            int h = i == 0 ? initialRow(body, s, result, links, blocks, y, changesX)
                    : stepRow(body, s, result, links, lanes, y, changesX, blocks, physical, touched);
            if (touched) {
                body.append(String.format(Locale.ROOT, "<circle class=\"touch\" cx=\"%d\" cy=\"%d\" r=\"5\"><title>touches %s</title></circle>",
                        LEFT - 12, y + 17, Html.escape(blocks.stream().map(BlockRef::label).collect(Collectors.joining("; ")))));
            }
            y += h;
            rowBottom[i] = y;
        }
        int rowsEnd = y;
        y = ending(body, result, cx, blocks, y, width, rowTop, rowBottom);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sequence\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"sequence diagram of the counterexample of %s\">",
                width, y + 12, width, y + 12, Html.escape(result.model().name())));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker>"
                + "<marker id=\"loop-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7a3fb0\"/></marker></defs>");
        svg.append("<style>").append(STYLE).append("</style>");
        // Zebra stripes first, so that everything else is drawn over them.
        for (int i = 0; i < states.size(); i++) {
            if (i % 2 == 1) svg.append(String.format(Locale.ROOT, "<rect class=\"zebra\" x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                    rowTop[i], width, rowBottom[i] - rowTop[i]));
        }
        for (int l = 0; l < lanes.size(); l++) {
            Lane lane = lanes.get(l);
            int cx0 = laneCenter(l);
            svg.append(String.format(Locale.ROOT, "<line class=\"life\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", cx0, TOP, cx0, rowsEnd + 4));
            svg.append(String.format(Locale.ROOT, "<g class=\"lane %s\" data-lane=\"%s\"><rect x=\"%d\" y=\"8\" width=\"%d\" height=\"%d\" rx=\"6\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\"%s>%s</text></g>",
                    kind(lane), Html.escape(lane.id()), LEFT + l * LANE_WIDTH + 6, LANE_WIDTH - 12, TOP - 16, cx0, 8 + (TOP - 16) / 2 + 5,
                    lane.title().length() > 20 ? " style=\"font-size:10.5px\"" : "", Html.escape(lane.title())));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"colhead\" x=\"%d\" y=\"%d\">what the step changed</text>", changesX, TOP - 20));
        svg.append(String.format(Locale.ROOT, "<text class=\"colhead\" x=\"8\" y=\"%d\">state</text>", TOP - 20));
        svg.append(body);
        return svg.append("</svg>").toString();
    }

    private static int laneCenter(int l) {
        return LEFT + l * LANE_WIDTH + LANE_WIDTH / 2;
    }

    /** The initial state's row: what it holds for the blocks the invariant fails on (the rest is in the page's table). */
    private static int initialRow(StringBuilder sb, TraceState s, CheckResult result, SpecLinks links, List<BlockRef> blocks, int y, int changesX) {
        List<String> lines = new ArrayList<>();
        for (BlockRef b : blocks) {
            for (String e : FinalBlocks.entries(s, b)) if (lines.size() < MAX_CHANGE_LINES) lines.add(e);
        }
        int h = Math.max(34, LINE * (lines.size() + 1) + 12);
        sb.append(String.format(Locale.ROOT, "<g class=\"step init\" data-state=\"%d\">", s.number()));
        sb.append(String.format(Locale.ROOT, "<text class=\"num\" x=\"8\" y=\"%d\">%d</text>", y + 19, s.number()));
        String link = links.link(result.model(), s.step());
        String label = "<text class=\"initlabel\" x=\"" + (LEFT + 8) + "\" y=\"" + (y + 19) + "\">Init: the initial state</text>";
        sb.append(link == null ? label : "<a class=\"spec\" href=\"" + Html.escape(link) + "\">" + label + "</a>");
        for (int i = 0; i < lines.size(); i++) {
            sb.append(String.format(Locale.ROOT, "<text class=\"chg hit\" x=\"%d\" y=\"%d\">%s</text>", changesX, y + 17 + LINE * i,
                    Html.escape(Html.cut(lines.get(i), CHANGE_CHARS))));
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"chg none\" x=\"%d\" y=\"%d\">%s</text>", changesX, y + 17 + LINE * lines.size(),
                lines.isEmpty() ? "every variable: the table of the initial state below" : "… every variable: the table of the initial state below"));
        sb.append("</g>");
        return h;
    }

    private static int stepRow(StringBuilder sb, TraceState s, CheckResult result, SpecLinks links, List<Lane> lanes, int y,
            int changesX, List<BlockRef> blocks, List<Set<Integer>> physical, boolean touched) {
        Lane lane = ActorLanes.of(s.step());
        int l = indexOf(lanes, lane);
        List<String> paramLines = paramLines(s.step());
        int boxH = 20 + LINE * paramLines.size();
        List<Change> changes = s.changes();
        int changeLines = Math.min(changes.size(), MAX_CHANGE_LINES) + (changes.size() > MAX_CHANGE_LINES ? 1 : 0);
        int h = Math.max(boxH + 12, LINE * Math.max(1, changeLines) + 14);
        int x = LEFT + l * LANE_WIDTH + 8;
        int w = LANE_WIDTH - 16;
        sb.append(String.format(Locale.ROOT, "<g class=\"step%s\" data-state=\"%d\" data-lane=\"%s\" data-action=\"%s\">",
                touched ? " touched" : "", s.number(), Html.escape(lane.id()), Html.escape(s.step().name())));
        sb.append(String.format(Locale.ROOT, "<text class=\"num\" x=\"8\" y=\"%d\">%d</text>", y + 19, s.number()));

        StringBuilder box = new StringBuilder();
        box.append(String.format(Locale.ROOT, "<rect class=\"act %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"5\"/>",
                kind(lane), x, y + 5, w, boxH));
        box.append("<title>").append(Html.escape(s.label())).append("</title>");
        box.append(String.format(Locale.ROOT, "<text class=\"name\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                x + w / 2, y + 20, Html.escape(s.step().name())));
        for (int i = 0; i < paramLines.size(); i++) {
            box.append(String.format(Locale.ROOT, "<text class=\"param\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x + w / 2, y + 20 + LINE * (i + 1), Html.escape(paramLines.get(i))));
        }
        String link = links.link(result.model(), s.step());
        if (link != null) sb.append("<a class=\"spec\" href=\"").append(Html.escape(link)).append("\">").append(box).append("</a>");
        else sb.append(box);

        // Writes to the device: an arrow from the actor to the device's lane.
        List<Change> device = ActorLanes.deviceWrites(changes);
        int d = indexOf(lanes, ActorLanes.DEVICE);
        if (!device.isEmpty() && d >= 0 && d != l) {
            int ay = y + 5 + boxH / 2;
            int x1 = d > l ? x + w : x;
            int x2 = d > l ? laneCenter(d) - 4 : laneCenter(d) + 4;
            sb.append(String.format(Locale.ROOT, "<line class=\"write\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" marker-end=\"url(#arrow)\"/>", x1, ay, x2, ay));
            String what = device.stream().map(Change::toString).collect(Collectors.joining(", "));
            int labelX = (x1 + x2) / 2;
            sb.append(String.format(Locale.ROOT, "<text class=\"writelabel\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s<title>%s</title></text>",
                    labelX, ay - 4, Html.escape(Html.cut(what, Math.max(10, (Math.abs(x2 - x1) - 12) / 7))), Html.escape(what)));
            sb.append(String.format(Locale.ROOT, "<circle class=\"devdot\" cx=\"%d\" cy=\"%d\" r=\"4\"/>", laneCenter(d), ay));
        }

        for (int i = 0; i < Math.min(changes.size(), MAX_CHANGE_LINES); i++) {
            Change c = changes.get(i);
            boolean hit = false;
            for (int b = 0; b < blocks.size(); b++) hit |= blocks.get(b).concerns(c, physical.get(b));
            String text = c.toString();
            sb.append(String.format(Locale.ROOT, "<text class=\"chg%s\" x=\"%d\" y=\"%d\">%s<title>%s</title></text>",
                    hit ? " hit" : "", changesX, y + 17 + LINE * i, Html.escape(Html.cut(text, CHANGE_CHARS)), Html.escape(text)));
        }
        if (changes.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text class=\"chg none\" x=\"%d\" y=\"%d\">(no variable changed)</text>", changesX, y + 17));
        } else if (changes.size() > MAX_CHANGE_LINES) {
            sb.append(String.format(Locale.ROOT, "<text class=\"chg more\" x=\"%d\" y=\"%d\">… %d more (step table below)</text>",
                    changesX, y + 17 + LINE * MAX_CHANGE_LINES, changes.size() - MAX_CHANGE_LINES));
        }
        sb.append("</g>");
        return h;
    }

    /** The failure under the last row, and a lasso's loop drawn from the last row back to its start. */
    private static int ending(StringBuilder sb, CheckResult result, Counterexample cx, List<BlockRef> blocks, int y, int width,
            int[] rowTop, int[] rowBottom) {
        int last = cx.states().size() - 1;
        String headline = switch (result.verdict()) {
            case SAFETY_FAILURE -> "✗ " + result.violated() + " fails in state " + cx.states().get(last).number()
                    + (cx.culprits().isEmpty() ? "" : " at " + culpritText(cx.culprits(), blocks));
            case DEADLOCK_FAILURE -> "✗ deadlock: no action is enabled in state " + cx.states().get(last).number();
            case LIVENESS_FAILURE -> "✗ " + result.violated() + " fails: "
                    + (cx.loopBackTo() != null ? "the behaviour loops forever" : cx.stutters() ? "the behaviour stutters forever"
                    : "the last step (to state " + cx.states().get(last).number() + ") is one it does not allow");
            default -> result.verdict().label();
        };
        sb.append(String.format(Locale.ROOT, "<rect class=\"lastrow\" x=\"2\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\"/>",
                rowTop[last], width - 4, rowBottom[last] - rowTop[last]));
        int next = y + 10;
        // Under each defrag's lane: what it holds and where it stands when the trace ends.
        List<Lane> lanes = ActorLanes.used(cx.states(), cx.loopStep());
        int held = 0;
        for (int l = 0; l < lanes.size(); l++) {
            Lane lane = lanes.get(l);
            if (lane.kind() != Lane.Kind.DEFRAG) continue;
            List<String> lines = DefragHoldings.of(cx.states().get(last), lane.id().substring("defrag-".length()));
            for (int i = 0; i < lines.size(); i++) {
                sb.append(String.format(Locale.ROOT, "<text class=\"holds\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        laneCenter(l), next + 12 + LINE * i, Html.escape(Html.cut(lines.get(i), 30))));
            }
            held = Math.max(held, lines.size());
        }
        next += held * LINE + (held > 0 ? 6 : 0);
        if (cx.loopBackTo() != null && cx.loopBackTo() >= 1 && cx.loopBackTo() <= cx.states().size()) {
            int target = cx.loopBackTo() - 1;
            int x = 44;  // between the state numbers and the marks of the touched steps
            int yFrom = rowBottom[last] - 6;
            int yTo = rowTop[target] + 10;
            sb.append(String.format(Locale.ROOT, "<g class=\"loop\"><path d=\"M%d,%d H%d V%d H%d\" marker-end=\"url(#loop-arrow)\"/>",
                    LEFT - 20, yFrom, x, yTo, LEFT - 20));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(-90 %d %d)\" text-anchor=\"middle\">loop</text></g>",
                    x - 6, (yFrom + yTo) / 2, x - 6, (yFrom + yTo) / 2));
            sb.append(String.format(Locale.ROOT, "<text class=\"looplabel\" x=\"%d\" y=\"%d\">↻ then %s leads back to state %d: the loop repeats forever</text>",
                    LEFT, next + 14, Html.escape(cx.loopStep().label()), cx.loopBackTo()));
            next += 22;
        } else if (cx.stutters()) {
            int cy = rowTop[last] + (rowBottom[last] - rowTop[last]) / 2;
            sb.append(String.format(Locale.ROOT, "<g class=\"loop stutter\"><path d=\"M%d,%d a9,9 0 1,1 0,14\" marker-end=\"url(#loop-arrow)\"/></g>",
                    LEFT - 30, cy - 7));
            sb.append(String.format(Locale.ROOT, "<text class=\"looplabel\" x=\"%d\" y=\"%d\">↻ then nothing happens any more: the last state stutters forever</text>",
                    LEFT, next + 14));
            next += 22;
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"verdict\" x=\"%d\" y=\"%d\">%s</text>", LEFT, next + 16, Html.escape(headline)));
        return next + 24;
    }

    static String culpritText(List<Culprit> culprits, List<BlockRef> blocks) {
        if (!blocks.isEmpty()) return blocks.stream().map(BlockRef::label).collect(Collectors.joining("; "));
        return culprits.stream().map(Culprit::label).collect(Collectors.joining("; "));
    }

    /**
     * The parameters in lines short enough for a lane: "k = v" items kept whole where they fit, a long
     * value (a record) broken after its commas; at most three lines (the box's title has them all).
     */
    static List<String> paramLines(ActionInstance step) {
        List<String> pieces = new ArrayList<>();
        for (Map.Entry<String, String> p : step.parameters().entrySet()) {
            String item = p.getKey() + " = " + p.getValue();
            if (item.length() <= PARAM_CHARS) {
                pieces.add(item);
                continue;
            }
            String[] parts = item.split("(?<=, )");
            for (String part : parts) pieces.add(part.strip());
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String piece : pieces) {
            if (line.length() > 0 && line.length() + 1 + piece.length() > PARAM_CHARS) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(line.charAt(line.length() - 1) == ',' ? " " : ", ");
            line.append(piece);
        }
        if (line.length() > 0) lines.add(line.toString());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size() && i < 3; i++) {
            String l = Html.cut(lines.get(i), PARAM_CHARS + 2);
            out.add(i == 2 && lines.size() > 3 ? Html.cut(l, PARAM_CHARS - 1) + "…" : l);
        }
        return out;
    }

    private static int indexOf(List<Lane> lanes, Lane lane) {
        for (int i = 0; i < lanes.size(); i++) if (lanes.get(i).id().equals(lane.id())) return i;
        return -1;
    }

    private static String kind(Lane lane) {
        return lane.kind().name().toLowerCase(Locale.ROOT);
    }

    private static final String STYLE = String.join("",
            "text{font:12px system-ui,sans-serif;fill:#222}",
            ".lane rect{stroke-width:1.5}.lane text{font-weight:600;font-size:12.5px;fill:#222;stroke:none}",
            ".defrag{fill:#dbe8fb;stroke:#3b6fb6}.writer{fill:#dff2df;stroke:#3d8b3d}.reader{fill:#dcf1f1;stroke:#2d8a8a}",
            ".writeback{fill:#fdebd3;stroke:#c77c1e}.crash{fill:#fbdada;stroke:#b83b3b}.other{fill:#eeeeee;stroke:#777}",
            ".device{fill:#e6e6e6;stroke:#555}",
            ".life{stroke:#aaa;stroke-dasharray:4 4}.zebra{fill:#f6f7f9}",
            ".act{stroke-width:1.3}.name{font-weight:600}.param{font:11px ui-monospace,monospace;fill:#333}",
            ".num{font:600 12px ui-monospace,monospace;fill:#666}.colhead{font-weight:600;fill:#555}",
            ".chg{font:11.5px ui-monospace,monospace;fill:#333}.chg.hit{fill:#c0141b;font-weight:700}.chg.none,.chg.more{fill:#888}",
            ".write{stroke:#555;stroke-width:1.3}.writelabel{font:10.5px ui-monospace,monospace;fill:#444}.devdot{fill:#555}",
            ".touch{fill:#d7263d}.touched .act{stroke:#d7263d;stroke-width:2.6}",
            ".lastrow{fill:none;stroke:#d7263d;stroke-width:2;stroke-dasharray:6 3}",
            ".holds{font:11px ui-monospace,monospace;fill:#3b6fb6}",
            ".verdict{font-weight:700;font-size:13.5px;fill:#c0141b}.initlabel{fill:#666;font-style:italic}",
            ".loop path{fill:none;stroke:#7a3fb0;stroke-width:2}.loop text{fill:#7a3fb0;font-weight:700}.looplabel{fill:#7a3fb0;font-weight:600}",
            "a.spec:hover .act{stroke-width:2.6}");
}
