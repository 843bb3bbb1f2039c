package io.metasync.inbox;

import io.metasync.common.problem.ProblemException;

/** The inbox's channels, as the API names them. */
public enum Channel {
    messenger, instagram, whatsapp;

    /** The channel named by a request parameter (null: none); a 400 problem for another name. */
    static Channel param(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("channel", "must be messenger, instagram or whatsapp");
        }
    }
}
