package io.metasync.insights;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.metasync.common.problem.ProblemException;
import io.metasync.insights.InsightViews.LineError;

/**
 * Reads an Ads Manager export (Reports > Export, CSV) with its own header names: {@code Reporting starts}
 * / {@code Reporting ends} or {@code Day}, {@code Account ID}, {@code Campaign ID}/{@code name},
 * {@code Ad set ID}/{@code name}, {@code Ad ID}/{@code name}, {@code Impressions}, {@code Reach},
 * {@code Clicks (all)}, {@code Link clicks}, {@code Amount spent (USD)}, {@code Purchases},
 * {@code Purchases conversion value}, {@code Leads}, {@code Age}, {@code Gender}, {@code Country},
 * {@code Region}. The level is that of the most specific id column. A line that cannot be read is
 * reported with its number and the others are kept. Blocking: run it on a worker.
 */
final class AdsManagerCsv {

    /** The import's outcome before writing: the records and the lines that were left out. */
    record Parsed(String level, List<InsightRecord> records, List<LineError> errors, long lines) {
    }

    static final int MAX_ERRORS = 1000;
    private static final Pattern SPENT = Pattern.compile("Amount spent \\(([A-Z]{3})\\)");
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Map<String, String> ID_COLUMNS = Map.of("ad", "Ad ID", "adset", "Ad set ID", "campaign", "Campaign ID");
    private static final Map<String, String> NAME_COLUMNS = Map.of("ad", "Ad name", "adset", "Ad set name", "campaign",
            "Campaign name", "account", "Account name");
    private static final Map<String, String> BREAKDOWNS = Map.of("Age", "age", "Gender", "gender", "Country", "country",
            "Region", "region");
    /** Ads Manager's columns for the action types counted as conversions, and for their values. */
    private static final Map<String, String> COUNT_COLUMNS = Map.of("purchase", "Purchases", "lead", "Leads");
    private static final Map<String, String> VALUE_COLUMNS = Map.of("purchase", "Purchases conversion value");

    private AdsManagerCsv() {
    }

    /** The ad account ({@code act_<id>}) of the export's first line with an {@code Account ID}; a 400 problem when none has one. */
    static String accountId(Reader reader) {
        try (CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setAllowMissingColumnNames(true).get().parse(reader)) {
            Map<String, Integer> header = headerOf(csv);
            for (CSVRecord r : csv) {
                String account = cell(r, header, "Account ID");
                if (account != null && account.matches("(act_)?\\d{1,30}")) {
                    return account.startsWith("act_") ? account : "act_" + account;
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw ProblemException.invalid("file", "is not a readable CSV file: " + e.getMessage());
        }
        throw ProblemException.invalid("adAccountId", "is required when the file has no Account ID column");
    }

    static Parsed parse(Reader reader, String accountId, String currency, List<String> conversionTypes) {
        try (CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setAllowMissingColumnNames(true).get().parse(reader)) {
            Map<String, Integer> header = headerOf(csv);
            String level = level(header);
            checkColumns(header, currency);
            List<InsightRecord> records = new ArrayList<>();
            List<LineError> errors = new ArrayList<>();
            long lines = 0;
            for (CSVRecord r : csv) {
                lines++;
                try {
                    records.add(record(r, header, level, accountId, conversionTypes));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    if (errors.size() < MAX_ERRORS) {
                        errors.add(new LineError(r.getRecordNumber() + 1, e.getMessage()));
                    }
                }
            }
            return new Parsed(level, records, errors, lines);
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw ProblemException.invalid("file", "is not a readable CSV file: " + e.getMessage());
        }
    }

    private static Map<String, Integer> headerOf(CSVParser csv) {
        Map<String, Integer> header = new LinkedHashMap<>();
        csv.getHeaderMap().forEach((name, index) -> header.put(name.replace("\uFEFF", "").trim(), index));
        if (header.isEmpty()) {
            throw ProblemException.invalid("file", "has no header line");
        }
        return header;
    }

    private static String level(Map<String, Integer> header) {
        for (String level : List.of("ad", "adset", "campaign")) {
            if (header.containsKey(ID_COLUMNS.get(level))) {
                return level;
            }
            if (header.containsKey(NAME_COLUMNS.get(level))) {
                throw ProblemException.invalid("file", "has \"" + NAME_COLUMNS.get(level) + "\" but not \"" + ID_COLUMNS.get(level)
                        + "\": add the ID column to the Ads Manager export so rows match Meta's");
            }
        }
        return "account";
    }

    private static void checkColumns(Map<String, Integer> header, String currency) {
        if (!header.containsKey("Day") && !header.containsKey("Reporting starts")) {
            throw ProblemException.invalid("file", "needs a \"Day\" or \"Reporting starts\" column (export with the Day breakdown)");
        }
        if (!header.containsKey("Impressions")) {
            throw ProblemException.invalid("file", "needs an \"Impressions\" column");
        }
        for (String name : header.keySet()) {
            Matcher m = SPENT.matcher(name);
            if (m.matches() && !m.group(1).equals(currency)) {
                throw ProblemException.invalid("file", "spends in " + m.group(1) + " but the ad account's currency is " + currency);
            }
        }
    }

    private static InsightRecord record(CSVRecord r, Map<String, Integer> header, String level, String accountId,
            List<String> conversionTypes) {
        LocalDate day = day(r, header);
        String account = cell(r, header, "Account ID");
        if (account != null && !("act_" + account).equals(accountId) && !account.equals(accountId)) {
            throw new IllegalArgumentException("Account ID " + account + " is not the ad account imported into");
        }
        String entityId = level.equals("account") ? accountId : cell(r, header, ID_COLUMNS.get(level));
        if (entityId == null || !entityId.matches("\\d{1,30}")) {
            throw new IllegalArgumentException(level.equals("account") ? "no account" : "\"" + ID_COLUMNS.get(level)
                    + "\" must be a numeric id");
        }
        Map<String, String> breakdown = new LinkedHashMap<>();
        BREAKDOWNS.forEach((column, name) -> {
            String v = cell(r, header, column);
            if (header.containsKey(column)) {
                breakdown.put(name, v == null ? "" : v);
            }
        });
        long clicksAll = count(r, header, "Clicks (all)");
        Long linkClicks = header.containsKey("Link clicks") ? count(r, header, "Link clicks") : null;
        BigDecimal conversions = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
        for (String type : conversionTypes) {
            conversions = conversions.add(number(r, header, COUNT_COLUMNS.get(type)));
            revenue = revenue.add(number(r, header, VALUE_COLUMNS.get(type)));
        }
        return new InsightRecord(accountId, level, entityId, day, breakdown,
                cell(r, header, NAME_COLUMNS.get(level)), level.equals("campaign") || level.equals("account") ? null
                        : cell(r, header, "Campaign ID"), level.equals("ad") ? cell(r, header, "Ad set ID") : null,
                count(r, header, "Impressions"), header.containsKey("Reach") ? count(r, header, "Reach") : null,
                header.containsKey("Clicks (all)") || linkClicks == null ? clicksAll : linkClicks, linkClicks,
                spend(r, header), conversions, revenue);
    }

    private static LocalDate day(CSVRecord r, Map<String, Integer> header) {
        String day = cell(r, header, "Day");
        if (day != null) {
            return LocalDate.parse(day);
        }
        String starts = cell(r, header, "Reporting starts");
        String ends = cell(r, header, "Reporting ends");
        if (starts == null) {
            throw new IllegalArgumentException("no date in \"Reporting starts\"");
        }
        if (ends != null && !ends.equals(starts)) {
            throw new IllegalArgumentException("covers " + starts + " to " + ends + ": only daily rows can be imported");
        }
        return LocalDate.parse(starts);
    }

    private static BigDecimal spend(CSVRecord r, Map<String, Integer> header) {
        for (String name : header.keySet()) {
            if (SPENT.matcher(name).matches()) {
                return number(r, header, name);
            }
        }
        return BigDecimal.ZERO;
    }

    private static long count(CSVRecord r, Map<String, Integer> header, String column) {
        BigDecimal n = number(r, header, column);
        if (n.signum() < 0 || n.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("\"" + column + "\" must be a whole number");
        }
        return n.longValueExact();
    }

    /** A number cell; blank (Ads Manager's zero) is 0; 1,234.5 thousands separators are accepted. */
    private static BigDecimal number(CSVRecord r, Map<String, Integer> header, String column) {
        String v = column == null ? null : cell(r, header, column);
        if (v == null) {
            return BigDecimal.ZERO;
        }
        String plain = THOUSANDS.matcher(v).matches() ? v.replace(",", "") : v;
        try {
            BigDecimal n = new BigDecimal(plain);
            if (n.signum() < 0) {
                throw new IllegalArgumentException("\"" + column + "\" must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + column + "\" is not a number: " + abbreviate(v));
        }
    }

    private static String cell(CSVRecord r, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        if (i == null || i >= r.size()) {
            return null;
        }
        String v = r.get(i);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
