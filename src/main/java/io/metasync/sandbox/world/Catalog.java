package io.metasync.sandbox.world;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.metasync.sandbox.world.Ids.Kind;
import io.metasync.sandbox.world.Model.Form;
import io.metasync.sandbox.world.Model.Page;
import io.metasync.sandbox.world.Model.User;

/** Users, pages and lead forms of one world, computed from the spec and indices. */
public final class Catalog {

    private static final List<String> PAGE_WORDS = List.of("Bakery", "Garage", "Studio", "Clinic", "Realty", "Café",
            "Fitness", "Dental", "Academy", "Solar", "Travel", "Florist");
    private static final List<String> CITIES = List.of("Lisbon", "Auckland", "Austin", "Kraków", "Nuku'alofa",
            "São Paulo", "Osaka", "Lyon");
    private static final List<String> FIRST = List.of("Joe", "Ana", "José", "Zoë", "Łukasz", "Mia", "Ngaio", "Sione",
            "Chloé", "Kenji", "Amara", "Liam");
    private static final List<String> LOCALES = List.of("EN_US", "EN_US", "EN_GB", "PT_BR", "FR_FR", "JA_JP");

    private final WorldSpec spec;
    private final Instant start;
    private final FormDesigner designer;

    public Catalog(WorldSpec spec, Instant start) {
        this.spec = spec;
        this.start = start;
        this.designer = new FormDesigner(spec.seed());
    }

    public WorldSpec spec() {
        return spec;
    }

    public Instant start() {
        return start;
    }

    public User user(int index) {
        return new User(index, Ids.of(Kind.USER, index), Rng.pick(FIRST, spec.seed(), 1, index) + " Admin" + index);
    }

    public Optional<User> user(long number) {
        return number < spec.users() ? Optional.of(user((int) number)) : Optional.empty();
    }

    public Page page(int index) {
        long seed = spec.seed();
        String name = Rng.pick(PAGE_WORDS, seed, 2, index) + " " + Rng.pick(CITIES, seed, 3, index) + " " + index;
        String ig = Rng.unit(seed, 4, index) < 0.4 ? Ids.of(Kind.IG_ACCOUNT, index) : null;
        return new Page(index, Ids.of(Kind.PAGE, index), name, "Local business", ig);
    }

    public Optional<Page> page(long number) {
        return number < spec.pages() ? Optional.of(page((int) number)) : Optional.empty();
    }

    /** The user whose tokens manage a page: pages are spread over users; user 0 manages every page. */
    public boolean manages(int user, int page) {
        return user == 0 || page % spec.users() == user;
    }

    /** Pages a user manages, in order: page indices from {@code from}, at most {@code count}. */
    public List<Integer> pagesOf(int user) {
        return java.util.stream.IntStream.range(0, spec.pages()).filter(p -> manages(user, p)).boxed().toList();
    }

    public Form form(int index) {
        Page page = page(index / spec.formsPerPage());
        long seed = spec.seed();
        String status = Rng.unit(seed, 5, index) < 0.15 ? "ARCHIVED" : "ACTIVE";
        Instant created = start.minus(Duration.ofDays(spec.leadHistoryDays() + 1L + Rng.below(30, seed, 6, index)));
        return new Form(index, page, Ids.of(Kind.FORM, index), "Lead form " + index + " - " + page.name(), status,
                Rng.pick(LOCALES, seed, 7, index), created, designer.questions(index), designer.checkboxes(index));
    }

    public Optional<Form> form(long number) {
        return number < spec.forms() ? Optional.of(form((int) number)) : Optional.empty();
    }

    static List<String> firstNames() {
        return FIRST;
    }

    static List<String> cities() {
        return CITIES;
    }
}
