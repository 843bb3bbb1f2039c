package io.metasync.sandbox.world;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Page-level app installs ({@code /{page}/subscribed_apps}). Every page of a fresh world has the app
 * installed with the {@code leadgen} field, as if the business had connected it before.
 */
public final class Subscriptions {

    private static final List<String> DEFAULT = List.of("leadgen");

    private final Map<String, List<String>> fieldsByPage = new ConcurrentHashMap<>();

    public List<String> fields(String pageId) {
        return fieldsByPage.getOrDefault(pageId, DEFAULT);
    }

    public void subscribe(String pageId, List<String> fields) {
        fieldsByPage.put(pageId, List.copyOf(fields));
    }

    public void unsubscribe(String pageId) {
        fieldsByPage.put(pageId, List.of());
    }

    public boolean receives(String pageId, String field) {
        return fields(pageId).contains(field);
    }
}
