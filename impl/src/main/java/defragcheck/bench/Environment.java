package defragcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The facts a reader needs to judge the figures, printed as one JSON line. */
public final class Environment {
    private final Map<String, Object> facts = new LinkedHashMap<>();

    public Environment(BenchOptions o) {
        facts.put("kernel", read("/proc/sys/kernel/osrelease"));
        facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        facts.put("cpus", Runtime.getRuntime().availableProcessors());
        facts.put("dir", o.dir().toAbsolutePath().toString());
        facts.put("dirFs", fsType(o.dir()));
        facts.put("fileMiB", o.sizeMib());
        facts.put("layouts", o.chunks().stream().map(BenchOptions::label).collect(Collectors.toList()));
        facts.put("rounds", o.rounds());
        facts.put("threads", o.threads());
        facts.put("minSecondsPerContenderAndRound", o.minSeconds());
        // The machine is shared: the load says how much the absolute MiB/s (not the paired ratios) can be trusted.
        facts.put("loadavgStart", loadAverage());
    }

    /** The 1-minute load average now, e.g. "5.39". */
    public static String loadAverage() {
        return read("/proc/loadavg").split(" ")[0];
    }

    public Environment put(String key, Object value) {
        facts.put(key, value);
        return this;
    }

    public String json() {
        return facts.entrySet().stream().map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Environment::value).collect(Collectors.joining(",", "[", "]"));
        }
        return quote(String.valueOf(v));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String fsType(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
