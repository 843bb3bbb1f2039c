package io.metasync.leads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.metasync.leads.LeadReader.StoredLead;

/**
 * The CSV of {@code GET /leads/export.csv}: the lead's own columns, then one column per mapped field
 * (standard ones first, then every custom target of the exported forms), then the consents. A cell that
 * a spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage return) is
 * prefixed with a single quote (OWASP's advice for CSV injection).
 */
final class LeadCsv {

    static final List<String> STANDARD = List.of("email", "phone", "fullName", "firstName", "lastName", "city", "zip", "country",
            "company", "jobTitle");
    private static final List<String> OWN = List.of("id", "metaLeadId", "formId", "pageId", "adId", "adsetId", "campaignId",
            "platform", "isOrganic", "createdTime", "status", "source", "receivedAt");

    private final List<String> fieldColumns;

    private LeadCsv(List<String> fieldColumns) {
        this.fieldColumns = fieldColumns;
    }

    /** Columns for the given forms: the standard fields and every custom target any of them maps to. */
    static LeadCsv forForms(List<LeadForm> forms) {
        TreeSet<String> custom = new TreeSet<>();
        forms.forEach(f -> LeadMapper.targets(f).values().stream().filter(t -> !STANDARD.contains(t)).forEach(custom::add));
        List<String> columns = new ArrayList<>(STANDARD);
        columns.addAll(custom);
        return new LeadCsv(columns);
    }

    String header() {
        List<String> header = new ArrayList<>(OWN);
        header.addAll(fieldColumns);
        header.add("consents");
        return print(List.of(header));
    }

    /** The rows of a batch of leads; {@code consents} by lead id. */
    String rows(List<StoredLead> leads, Map<UUID, Map<String, Boolean>> consents) {
        List<List<String>> records = new ArrayList<>(leads.size());
        for (StoredLead l : leads) {
            List<String> cells = new ArrayList<>(OWN.size() + fieldColumns.size() + 1);
            cells.add(l.id().toString());
            cells.add(l.metaLeadId());
            cells.add(l.formId());
            cells.add(l.pageId());
            cells.add(l.adId());
            cells.add(l.adsetId());
            cells.add(l.campaignId());
            cells.add(l.platform());
            cells.add(String.valueOf(l.isOrganic()));
            cells.add(l.createdTime().toString());
            cells.add(l.status());
            cells.add(l.source());
            cells.add(l.receivedAt().toString());
            fieldColumns.forEach(c -> cells.add(l.fields().get(c)));
            StringBuilder given = new StringBuilder();
            consents.getOrDefault(l.id(), Map.of()).forEach((key, checked) -> given.append(given.isEmpty() ? "" : "; ")
                    .append(key).append('=').append(checked ? "yes" : "no"));
            cells.add(given.toString());
            records.add(cells);
        }
        return print(records);
    }

    private static String print(List<List<String>> records) {
        StringBuilder out = new StringBuilder(records.size() * 256);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            for (List<String> cells : records) {
                printer.printRecord(cells.stream().map(LeadCsv::neutralise).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A cell a spreadsheet would evaluate is made text. */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }
}
