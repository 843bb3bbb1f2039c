package io.metasync.sandbox.graph;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The {@code fields} parameter: top-level names (nested selections such as {@code a{b,c}} are accepted). */
public final class Fields {

    private Fields() {
    }

    public static Set<String> of(GraphCall call, Set<String> defaults) {
        return call.param("fields").map(Fields::parse).orElse(defaults);
    }

    static Set<String> parse(String spec) {
        Set<String> out = new LinkedHashSet<>();
        int depth = 0;
        StringBuilder name = new StringBuilder();
        for (char c : spec.toCharArray()) {
            if (c == '{' || c == '.') {
                depth += c == '{' ? 1 : 0;
                if (depth <= 1 && name.length() > 0) {
                    out.add(name.toString().trim());
                    name.setLength(0);
                }
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                add(out, name);
            } else if (depth == 0) {
                name.append(c);
            }
        }
        add(out, name);
        return out;
    }

    /** Keeps the requested keys of a full rendering, in the rendering's order; {@code id} always stays. */
    public static Map<String, Object> select(Map<String, Object> full, Set<String> wanted) {
        Map<String, Object> out = new LinkedHashMap<>();
        full.forEach((k, v) -> {
            if ((wanted.contains(k) || k.equals("id")) && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static void add(Set<String> out, StringBuilder name) {
        String n = name.toString().trim();
        if (!n.isEmpty()) {
            out.add(n);
        }
        name.setLength(0);
    }
}
