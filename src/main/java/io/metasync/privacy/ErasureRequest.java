package io.metasync.privacy;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Whose data to erase: at least one of e-mail, phone (with country code) or Meta user id. */
public record ErasureRequest(@Email @Size(max = 320) String email,
        @Pattern(regexp = "\\+?[0-9 ()-]{6,20}", message = "must be a phone number with its country code") String phone,
        @Pattern(regexp = "[0-9]{1,32}", message = "must be a Meta id (digits)") String metaUserId) {

    boolean empty() {
        return blank(email) && blank(phone) && blank(metaUserId);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
