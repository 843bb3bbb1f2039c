package io.metasync.graph.governor;

import java.util.List;

import io.metasync.graph.GraphException;

/**
 * Which keys a throttling error blocks (META-FACTS §3.3): app limits (4, 341) hold the whole app (or
 * its insights budget), user limits (17, 32) the token, custom limits (613) the ad account, and
 * business-use-case limits (80000-80014) the call's ad account or business, else its token.
 */
final class ThrottleScope {

    private ThrottleScope() {
    }

    static List<String> of(GraphException error, LimiterKeys keys) {
        int code = error.code().orElse(0);
        if (code == 4 || code == 341) {
            return List.of(keys.insights() ? LimiterKeys.INSIGHTS_APP : LimiterKeys.APP);
        }
        if (code == 613 && keys.adAccount() != null) {
            return List.of(keys.adAccount());
        }
        if (code >= 80000 && code <= 80014 && !keys.bucKeys().isEmpty()) {
            return keys.bucKeys();
        }
        return List.of(keys.token());
    }
}
