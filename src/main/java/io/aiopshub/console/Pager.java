package io.aiopshub.console;

import java.util.List;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.aiopshub.ingest.PayloadValidationException;

/**
 * One page of a console list: which page (the query parameter {@code param}), and the links to the pages
 * before and after it (null when there is none). The links keep the request's other parameters (filters,
 * another list's page) and are relative ({@code ?page=2}), so they work behind a reverse proxy's prefix.
 */
public record Pager(String param, int page, int size, String previous, String next) {

    static final int MAX_PAGE = 1_000_000;

    /** The page number the query string asks for (blank: the first), or a 400 naming the parameter. */
    static int page(String param, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int page = Integer.parseInt(value.trim());
            if (page >= 0 && page <= MAX_PAGE) {
                return page;
            }
        } catch (NumberFormatException e) {
            // answered below, naming the parameter
        }
        throw new PayloadValidationException(param, "must be a whole number from 0 to " + MAX_PAGE);
    }

    /** For a list without a total: a full page may have a next one (which may then be empty). */
    static Pager ofPage(String param, int page, int size, List<?> rows) {
        return of(param, page, size, rows.size() >= size);
    }

    static Pager ofTotal(String param, int page, int size, long total) {
        return of(param, page, size, (long) (page + 1) * size < total);
    }

    private static Pager of(String param, int page, int size, boolean hasNext) {
        return new Pager(param, page, size, page > 0 ? link(param, page - 1) : null,
                hasNext && page < MAX_PAGE ? link(param, page + 1) : null);
    }

    private static String link(String param, int page) {
        return "?" + ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam(param, page).build().getQuery();
    }
}
