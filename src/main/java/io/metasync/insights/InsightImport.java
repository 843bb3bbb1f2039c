package io.metasync.insights;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.Workers;
import io.metasync.common.problem.ProblemException;
import io.metasync.insights.InsightViews.ImportResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** {@code POST /insights/import}: an Ads Manager CSV parsed on a worker, its rows upserted like synced ones. */
@ApplicationScoped
public class InsightImport {

    private final AdAccounts accounts;
    private final InsightWriter writer;
    private final InsightsConfig config;

    public InsightImport(AdAccounts accounts, InsightWriter writer, InsightsConfig config) {
        this.accounts = accounts;
        this.writer = writer;
        this.config = config;
    }

    /** Imports {@code file} into {@code accountId}, or (null) into the ad account its {@code Account ID} column names. */
    public Uni<ImportResult> importFile(UUID workspaceId, String adAccountId, Path file) {
        Uni<String> account = adAccountId != null ? Uni.createFrom().item(adAccountId) : Workers.offload(() -> {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return AdsManagerCsv.accountId(reader);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw ProblemException.invalid("file", "could not be read as UTF-8 text");
            }
        });
        return account.flatMap(accountId -> importInto(workspaceId, accountId, file));
    }

    private Uni<ImportResult> importInto(UUID workspaceId, String accountId, Path file) {
        return accounts.get(workspaceId, accountId)
                .flatMap(account -> Workers.offload(() -> parse(file, account)))
                .flatMap(parsed -> Multi.createFrom().iterable(parsed.records())
                        .group().intoLists().of(config.writeBatch())
                        .onItem().transformToUniAndConcatenate(batch -> writer.upsert(workspaceId, batch, "import"))
                        .collect().in(() -> new long[2], (sum, w) -> {
                            sum[0] += w.ingested();
                            sum[1] += w.updated();
                        })
                        .map(sum -> new ImportResult(accountId, parsed.level(), parsed.lines(), sum[0], sum[1], parsed.errors())));
    }

    private AdsManagerCsv.Parsed parse(Path file, AdAccounts.Account account) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return AdsManagerCsv.parse(reader, account.id(), account.currency(), config.conversionActionTypes());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw ProblemException.invalid("file", "could not be read as UTF-8 text");
        }
    }
}
