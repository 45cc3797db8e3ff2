package io.aiopshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.aiopshub.incident.IncidentEngine;
import io.aiopshub.remediation.ActionRunState;
import io.aiopshub.remediation.catalog.Risk;
import io.aiopshub.remediation.run.ActionRun;
import io.aiopshub.remediation.run.ActionRunStore;
import io.aiopshub.remediation.run.Move;
import io.aiopshub.remediation.run.ProposerKind;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * .ci/run), driven by Selenium: log in, see an incident appear in the open list without a reload (a server-sent
 * event, with the polling fallback set too slow to be what delivered it), filter the list by a label, open it,
 * create a silence from its labels, see it listed, approve a run, open the notifications and log templates
 * pages. Screenshots of each page go to target/console-screenshots/ for review.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:console-browser;DB_CLOSE_DELAY=-1",
        "aiops.security.api-tokens=bob:bob-token",
        "aiops.routing.file=src/test/resources/fast-alert-routing.yaml",
        "aiops.llm.catalog-file=src/test/resources/remediation/catalog.yaml",
        "aiops.remediation.policy-file=src/test/resources/remediation/policy.yaml",
        "aiops.console.live.fallback-poll=10m"})
class ConsoleBrowserSystemIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @LocalServerPort int port;
    @Autowired IncidentEngine engine;
    @Autowired JdbcTemplate jdbc;
    @Autowired ActionRunStore runs;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        assertThat(CHROMIUM).as("chromium must be installed (apt-get install -y chromium chromium-driver), see .ci/run")
                .isExecutable();
        assertThat(CHROMEDRIVER).as("chromium-driver must be installed, see .ci/run").isExecutable();
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logInSeeAnIncidentAppearOpenItSilenceItAndApproveARun() throws Exception {
        String base = "http://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(base + "/console/incidents");
        wait.until(ExpectedConditions.urlContains("/console/login"));
        screenshot("01-login");
        browser.findElement(By.id("token")).sendKeys("bob-token");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/console/incidents"));
        assertThat(browser.findElement(By.tagName("header")).getText()).contains("Signed in as bob");

        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return typeof htmx === 'object';")));
        // The page's event stream is open (live.js marks the table); only it can bring the incident in time.
        wait.until(ExpectedConditions.attributeToBe(By.id("incident-table"), "data-live", "stream"));
        // A marker that a reload would lose: the incident must arrive in this very page.
        ((JavascriptExecutor) browser).executeScript("window.consoleTestMarker = 'same page';");
        String incident = hub().raise(Map.of("alertname", "BrowserCheckoutErrors", "service", "checkout", "severity", "critical"), "errors");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.partialLinkText("BrowserCheckoutErrors")));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.consoleTestMarker;")).isEqualTo("same page");
        wait.until(ExpectedConditions.textToBe(By.id("live-state"), "Live."));
        screenshot("02-incidents-live");

        // Filters live in the URL: a label filter typed into the form is a bookmarkable link.
        browser.findElement(By.id("label-1")).sendKeys("service=checkout");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("label=service%3Dcheckout"));
        // The rows are re-rendered by live updates at any moment: read them through a wait that survives a swap.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-rows"), "BrowserCheckoutErrors"));
        browser.findElement(By.id("label-2")).sendKeys("nonsense");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.problems")));
        assertThat(browser.findElement(By.cssSelector("ul.problems")).getText()).contains("label").contains("is not name=value");
        browser.findElement(By.id("label-2")).clear();
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.partialLinkText("BrowserCheckoutErrors")));

        // A live update can swap the row between finding the link and clicking it: find it again then.
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.partialLinkText("BrowserCheckoutErrors")).click();
            return true;
        });
        wait.until(ExpectedConditions.urlContains("/console/incidents/" + incident));
        assertThat(browser.findElement(By.id("alerts-heading")).isDisplayed()).isTrue();
        screenshot("03-incident");

        browser.findElement(By.id("hours")).clear();
        browser.findElement(By.id("hours")).sendKeys("3");
        browser.findElement(By.id("comment")).sendKeys("checkout rollout in progress");
        browser.findElement(By.cssSelector("form.silence button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/console/silences"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("checkout rollout in progress")
                .contains("created.");
        assertThat(jdbc.queryForObject("select created_by from silences where comment = 'checkout rollout in progress'",
                String.class)).isEqualTo("bob");
        screenshot("04-silences");

        ActionRun run = awaitingApproval(incident);
        browser.findElement(By.linkText("Approvals")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button.approve")));
        screenshot("05-approvals");
        browser.findElement(By.cssSelector("button.approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Approved."));
        assertThat(runs.decisions(run.id())).singleElement()
                .satisfies(d -> assertThat(d.decidedBy()).isEqualTo("api:bob"));
        screenshot("06-approved");

        browser.findElement(By.linkText("Notifications")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Notifications"));
        screenshot("07-notifications");
        browser.findElement(By.linkText("Log templates")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Log templates"));
        screenshot("08-log-templates");
    }

    private ActionRun awaitingApproval(String incident) {
        ActionRun run = runs.insert(new ActionRunStore.NewRun(incident, "restart_service_ssh", "ssh", Risk.MEDIUM,
                "127.0.0.1", Map.of("host", "127.0.0.1", "service", "checkout"), "rule:browser-test", ProposerKind.RULE,
                "browser-test:" + incident, "proposed for the browser test")).orElseThrow();
        runs.move(run.id(), Move.of(ActionRunState.PROPOSED, ActionRunState.AWAITING_APPROVAL).by("rule:browser-test")
                .because("waits for a person"));
        return run;
    }

    private void screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private ConsoleHub hub() {
        return new ConsoleHub(port, "bob-token", engine, jdbc);
    }
}
