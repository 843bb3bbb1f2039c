package io.metasync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON objects whose keys keep the order they are given in, as Meta's answers do. */
public final class Json {

    private Json() {
    }

    public static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
