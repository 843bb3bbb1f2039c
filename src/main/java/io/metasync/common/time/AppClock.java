package io.metasync.common.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's clock. Everything that decides by time (token expiry, rate-limit regain times,
 * checkpoints, schedules) asks this bean rather than {@link Instant#now()}, so that tests can move
 * time forward instead of sleeping. In production the offset is always zero.
 */
@ApplicationScoped
public class AppClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    /** Moves this clock forward (tests and the dev sandbox only). */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Puts this clock back to real time. */
    public void reset() {
        offset = Duration.ZERO;
    }
}
