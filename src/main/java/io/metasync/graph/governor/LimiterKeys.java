package io.metasync.graph.governor;

import java.util.ArrayList;
import java.util.List;

/**
 * The usage scopes one Graph call counts against, as governor keys {@code scope:id}: the app, the
 * token (by fingerprint), the ad account, the business use case objects, and the insights limits.
 */
public record LimiterKeys(String tokenFingerprint, String adAccountId, String businessId, boolean insights) {

    static final String APP = "app";
    static final String INSIGHTS_APP = "insights_app";

    public String token() {
        return "token:" + tokenFingerprint;
    }

    public String adAccount() {
        return adAccountId == null ? null : "ad_account:" + adAccountId;
    }

    String insightsAdAccount() {
        return adAccountId == null ? null : "insights_ad_account:" + adAccountId;
    }

    /** The business-use-case keys of this call: its ad account (numeric id) and its business. */
    List<String> bucKeys() {
        List<String> keys = new ArrayList<>(2);
        if (adAccountId != null) {
            keys.add(buc(adAccountId.substring("act_".length())));
        }
        if (businessId != null) {
            keys.add(buc(businessId));
        }
        return keys;
    }

    static String buc(String objectId) {
        return "buc:" + objectId;
    }

    /** Every key whose hold or usage can delay this call. */
    List<String> all() {
        List<String> keys = new ArrayList<>(7);
        keys.add(APP);
        keys.add(token());
        if (adAccountId != null) {
            keys.add(adAccount());
        }
        keys.addAll(bucKeys());
        if (insights) {
            keys.add(INSIGHTS_APP);
            if (adAccountId != null) {
                keys.add(insightsAdAccount());
            }
        }
        return keys;
    }
}
