package io.aiopshub.remediation.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.aiopshub.remediation.catalog.ActionCatalog;
import io.aiopshub.remediation.catalog.ActionDefinition;
import io.aiopshub.remediation.catalog.CatalogException;
import io.aiopshub.remediation.executor.ExecutorSpecCheck;

/**
 * Fails the start when the catalog cannot be run: an entry an executor's {@link ExecutorSpecCheck} finds
 * wrong (checked when this bean is made), or an action whose executor has no route
 * {@code direct:executor-<name>} (checked when Camel Spring Boot has loaded the route files). When the
 * runner's own routes ({@code routes/remediation.yaml}) are not loaded, nothing runs actions and only the
 * entries are checked.
 */
@Component
public class RemediationStartupCheck implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RemediationStartupCheck.class);
    /** The runner's first route; without it no action can run. */
    static final String RUNNER_ROUTE = "remediation-propose";
    public static final String ENTRIES = "The action catalog has entries its executors cannot run:\n - ";

    private final ActionCatalog catalog;

    /** Entries an executor cannot run stop the start here, before any route is loaded. */
    public RemediationStartupCheck(ActionCatalog catalog, List<ExecutorSpecCheck> specChecks) {
        checkEntries(catalog, specChecks);
        this.catalog = catalog;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        List<String> problems = new ArrayList<>();
        Set<String> consumed = consumedEndpoints(camel);
        if (consumed.contains("direct:" + RUNNER_ROUTE)) {
            for (ActionDefinition action : catalog.actions()) {
                if (!consumed.contains(action.executor().endpoint())) {
                    problems.add(action.id() + ": executor " + action.executor().id() + " has no route "
                            + action.executor().endpoint() + " (routes/remediation-executor-" + action.executor().id() + ".yaml)");
                }
            }
        } else {
            LOG.info("The action runner's routes (routes/remediation.yaml) are not loaded: no action will run");
        }
        if (!problems.isEmpty()) {
            throw new CatalogException("The action catalog cannot be run:\n - " + String.join("\n - ", problems));
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        // everything is checked before the routes start
    }

    /** Fails with every entry an executor's check finds wrong (the executors' tests use this too). */
    public static void checkEntries(ActionCatalog catalog, List<ExecutorSpecCheck> specChecks) {
        List<String> problems = specProblems(catalog, specChecks);
        if (!problems.isEmpty()) {
            throw new CatalogException(ENTRIES + String.join("\n - ", problems));
        }
    }

    /** Each executor's problems with its own entries, each naming the action. */
    public static List<String> specProblems(ActionCatalog catalog, List<ExecutorSpecCheck> specChecks) {
        List<String> problems = new ArrayList<>();
        for (ActionDefinition action : catalog.actions()) {
            for (ExecutorSpecCheck check : specChecks) {
                if (check.executor() == action.executor()) {
                    check.problems(action).forEach(p -> problems.add(named(p, action.id()) ? p : action.id() + ": " + p));
                }
            }
        }
        return problems;
    }

    /** Whether an executor's problem names its action already ("proxmox_one: ...", "action 'broken': ..."). */
    private static boolean named(String problem, String actionId) {
        return problem.startsWith(actionId + ":") || problem.contains("'" + actionId + "'");
    }

    /** The endpoints routes consume from, as {@code direct:name}, whether the routes run already or not. */
    private static Set<String> consumedEndpoints(CamelContext camel) {
        Set<String> uris = new HashSet<>();
        for (Route route : camel.getRoutes()) {
            uris.add(normalised(route.getEndpoint().getEndpointUri()));
        }
        if (camel instanceof ModelCamelContext model) {
            for (RouteDefinition definition : model.getRouteDefinitions()) {
                if (definition.getInput() != null) {
                    String uri = definition.getInput().getEndpointUri();
                    // A route made from a template (the executors' routes) keeps the template's placeholders.
                    Map<String, Object> parameters = definition.getTemplateParameters();
                    if (parameters != null) {
                        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                            uri = uri.replace("{{" + parameter.getKey() + "}}", String.valueOf(parameter.getValue()));
                        }
                    }
                    try {
                        uris.add(normalised(camel.resolvePropertyPlaceholders(uri)));
                    } catch (RuntimeException e) {
                        LOG.debug("Route {} consumes {}, which cannot be resolved before it starts", definition.getRouteId(), uri);
                    }
                }
            }
        }
        return uris;
    }

    private static String normalised(String uri) {
        String plain = uri.replace("://", ":");
        int query = plain.indexOf('?');
        return query < 0 ? plain : plain.substring(0, query);
    }
}
