package io.metasync.sandbox.world;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Meta restates recent insights (META-FACTS §2.4: figures may change until 28 days after they were
 * reported). Each restatement of an ad account from a day on bumps the revision of those days, and the
 * engine mixes the revision into its figures, so restated days read differently and truth follows.
 */
public final class Restatements {

    private record Restatement(LocalDate from, LocalDate to) {
    }

    private final Map<Integer, List<Restatement>> byAccount = new ConcurrentHashMap<>();

    public void restate(int account, LocalDate from, LocalDate to) {
        byAccount.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>()).add(new Restatement(from, to));
    }

    /** How many times a day of an account was restated (0: as first reported). */
    public int revision(int account, LocalDate day) {
        List<Restatement> list = byAccount.get(account);
        if (list == null) {
            return 0;
        }
        int n = 0;
        for (Restatement r : list) {
            n += !day.isBefore(r.from()) && !day.isAfter(r.to()) ? 1 : 0;
        }
        return n;
    }
}
