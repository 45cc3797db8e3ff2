package io.aiopshub.store;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Makes every commit of the hub's connection pool durable before the commit returns, so that the 202
 * that follows an ingest commit means "stored" even if the process is killed right after it.
 * <ul>
 *   <li>H2 (file): {@code WRITE_DELAY=0} in the URL. H2's default (500 ms) leaves committed changes in
 *       memory for a background writer; with 0 each commit writes its MVStore chunk to the file before it
 *       returns. The URL setting applies every time the database is opened, also when the pool lets
 *       it close and open again. A different WRITE_DELAY in the configured URL is replaced.</li>
 *   <li>PostgreSQL: each new connection raises {@code synchronous_commit} to {@code on} when the server
 *       or role says {@code off} (the commit then waits for its WAL flush); stronger or equally durable
 *       values ({@code on}, {@code local}, {@code remote_write}, {@code remote_apply}) are left alone.</li>
 * </ul>
 * {@link CommitDurabilityCheck} verifies the outcome at start-up.
 */
@Component
public class DurableCommits implements BeanPostProcessor {

    /** Only where the server has it off: a plain SET would also weaken remote_apply to on. */
    static final String POSTGRES_INIT_SQL = "DO $$BEGIN IF current_setting('synchronous_commit') = 'off' THEN "
            + "PERFORM set_config('synchronous_commit', 'on', false); END IF; END$$";

    private static final Logger LOG = LoggerFactory.getLogger(DurableCommits.class);
    private static final Pattern WRITE_DELAY = Pattern.compile("(?i);\\s*WRITE_DELAY\\s*=([^;]*)");

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            String url = pool.getJdbcUrl();
            if (isPersistentH2(url)) {
                Matcher configured = WRITE_DELAY.matcher(url);
                while (configured.find()) {
                    if (!configured.group(1).trim().equals("0")) {
                        LOG.warn("WRITE_DELAY={} in the H2 URL is replaced by WRITE_DELAY=0: an accepted alert must "
                                + "be written to the file before the hub answers 202", configured.group(1).trim());
                    }
                }
                pool.setJdbcUrl(h2WithWriteDelayZero(url));
            } else if (url.startsWith("jdbc:postgresql:")) {
                if (pool.getConnectionInitSql() == null) {
                    pool.setConnectionInitSql(POSTGRES_INIT_SQL);
                } else {
                    LOG.info("spring.datasource.hikari.connection-init-sql is set: synchronous_commit is left to it "
                            + "(checked at start-up)");
                }
            }
        }
        return bean;
    }

    /** The URL with any WRITE_DELAY replaced by {@code WRITE_DELAY=0}. */
    static String h2WithWriteDelayZero(String url) {
        return WRITE_DELAY.matcher(url).replaceAll("") + ";WRITE_DELAY=0";
    }

    static boolean isPersistentH2(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:");
    }
}
