package io.metasync.sandbox.auth;

/** Who is calling: the token and what it grants. */
public record Caller(String token, TokenBook.Grant grant) {

    public boolean isPage() {
        return grant.type() == TokenBook.Type.PAGE;
    }

    public boolean isUser() {
        return grant.type() == TokenBook.Type.USER;
    }

    public boolean isApp() {
        return grant.type() == TokenBook.Type.APP;
    }

    public boolean isSystemUser() {
        return grant.type() == TokenBook.Type.SYSTEM_USER;
    }

    public int user() {
        return grant.user();
    }

    public int page() {
        return grant.page();
    }
}
