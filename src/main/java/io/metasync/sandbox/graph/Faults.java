package io.metasync.sandbox.graph;

import io.metasync.sandbox.fault.FaultRule;

/** The error answer of each failing fault kind, with Meta's codes, subcodes, messages and statuses. */
final class Faults {

    private Faults() {
    }

    /** Kinds that replace the answer with an error (truncate and batch_timeout act otherwise). */
    static boolean failing(FaultRule r) {
        return !r.kind().equals("truncate");
    }

    static GraphReply reply(FaultRule r, GraphCall call, String fbtrace) {
        return GraphReply.error(error(r, call), fbtrace);
    }

    static GraphError error(FaultRule r, GraphCall call) {
        GraphError base = switch (r.kind()) {
            case "server_error" -> GraphError.server(or(r.code(), 2));
            case "throttle" -> throttle(or(r.code(), defaultThrottle(call)), r.subcode(), call);
            case "token_expired" -> GraphError.token(or(r.subcode(), 463), "Error validating access token: Session"
                    + " has expired. The current time is later than the expiry time.");
            case "token_revoked" -> GraphError.token(or(r.subcode(), 460), "Error validating access token: The"
                    + " session has been invalidated because the user changed their password or Facebook has changed"
                    + " the session for security reasons.");
            case "permission" -> GraphError.permission(or(r.code(), 200), "Permissions error");
            case "too_much_data" -> GraphError.reduceData(400, or(r.code(), 100),
                    r.code() == null || r.code() == 100 ? Integer.valueOf(or(r.subcode(), 1487534)) : r.subcode());
            case "timeout" -> new GraphError(504, or(r.code(), 2), r.subcode(), GraphError.OAUTH,
                    "Request timed out. Please retry your request later.", true);
            default -> GraphError.invalid("Invalid parameter");
        };
        if (r.code() != null && !r.kind().equals("throttle") && !r.kind().equals("too_much_data")) {
            base = new GraphError(base.status(), r.code(), r.subcode() != null ? r.subcode() : base.subcode(),
                    base.type(), base.message(), base.transientError(), base.headers());
        }
        return r.httpStatus() == null ? base : new GraphError(r.httpStatus(), base.code(), base.subcode(), base.type(),
                base.message(), base.transientError(), base.headers());
    }

    /** The BUC code of the call's use case: 80000 insights, 80004 ads management, 80005 leadgen, 80001 pages. */
    static int defaultThrottle(GraphCall call) {
        return switch (UsageMeter.bucType(call)) {
            case "ads_insights" -> 80000;
            case "ads_management" -> 80004;
            case "leadgen" -> 80005;
            default -> 80001;
        };
    }

    private static GraphError throttle(int code, Integer subcode, GraphCall call) {
        String message = switch (code) {
            case 4 -> "(#4) Application request limit reached";
            case 17 -> "(#17) User request limit reached";
            case 32 -> "(#32) Page request limit reached";
            case 613 -> "(#613) Calls to this api have exceeded the rate limit.";
            case 80005 -> "(#80005) There have been too many leadgen api calls to this Page. Wait a bit and try again.";
            default -> "(#" + code + ") There have been too many calls for this " + UsageMeter.bucType(call)
                    .replace('_', ' ') + " object. Wait a bit and try again.";
        };
        Integer sub = subcode != null ? subcode : (code == 17 || code == 80000 || code == 80003 || code == 80004)
                ? Integer.valueOf(2446079) : null;
        return new GraphError(400, code, sub, GraphError.OAUTH, message, code == 4);
    }

    private static int or(Integer v, int d) {
        return v != null ? v : d;
    }
}
