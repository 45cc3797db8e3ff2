package io.aiopshub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * deploy/kubernetes without a cluster: every resource file parses into the fabric8 Kubernetes model, and
 * the pieces fit together as the hub needs them (two replicas electing a leader through a Lease the RBAC
 * allows, probes on the hub's health groups, selectors matching the pods, every route and config file in
 * the ConfigMaps, only known settings in the environment).
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("deploy/kubernetes");
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void everyResourceParsesIntoTheKubernetesModel() throws IOException {
        List<HasMetadata> resources = resources();
        assertThat(resources).extracting(HasMetadata::getKind).contains("Namespace", "ServiceAccount", "Role",
                "RoleBinding", "Service", "Deployment", "PodDisruptionBudget");
        assertThat(resources).allSatisfy(r -> assertThat(r.getMetadata().getName()).isNotBlank());
    }

    @Test
    void twoReplicasElectALeaderThroughALeaseTheirServiceAccountMayHold() throws IOException {
        Deployment deployment = one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        assertThat(one(ServiceAccount.class).getMetadata().getName()).isEqualTo(account);

        Role role = one(Role.class);
        PolicyRule leases = role.getRules().stream().filter(r -> r.getResources().contains("leases")).findFirst().orElseThrow();
        assertThat(leases.getApiGroups()).containsExactly("coordination.k8s.io");
        assertThat(leases.getVerbs()).contains("get", "create", "update");
        assertThat(role.getRules()).anySatisfy(r -> assertThat(r.getResources()).contains("pods"));
        RoleBinding binding = one(RoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).anySatisfy(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(account);
        });

        // The kubernetes profile names the pods' labels as the cluster's members and turns the file lock off.
        JsonNode profile = kubernetesProfile();
        assertThat(profile.at("/camel/cluster/kubernetes/enabled").asBoolean()).isTrue();
        assertThat(profile.at("/camel/cluster/file/enabled").asBoolean(true)).isFalse();
        Map<String, String> clusterLabels = yaml.convertValue(profile.at("/camel/cluster/kubernetes/cluster-labels"),
                yaml.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(clusterLabels);
        assertThat(env("hub.env").get("SPRING_PROFILES_ACTIVE")).contains("kubernetes").contains("postgres");
    }

    @Test
    void probesUseTheHubsHealthGroupsOnTheContainersPort() throws IOException {
        Container hub = one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(hub.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        assertThat(hub.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(hub.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(hub.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(hub.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    }

    @Test
    void servicesAndTheDisruptionBudgetSelectTheHubsPods() throws IOException {
        Map<String, String> podLabels = one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
        Service hub = resources().stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> "aiops-hub".equals(s.getMetadata().getName())).findFirst().orElseThrow();
        assertThat(podLabels).containsAllEntriesOf(hub.getSpec().getSelector());
        assertThat(podLabels).containsAllEntriesOf(one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels());
        assertThat(resources().stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> "ExternalName".equals(s.getSpec().getType())).map(s -> s.getMetadata().getName()))
                .as("PostgreSQL and Redis are referenced as external services").contains("postgres", "redis");
    }

    @Test
    void theConfigMapsCarryEveryRouteAndConfigFileAndTheDeploymentMountsThem() throws IOException {
        JsonNode kustomization = kustomization();
        Map<String, Set<String>> generated = new LinkedHashMap<>();
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            Set<String> files = new TreeSet<>();
            generator.path("files").forEach(f -> files.add(f.asText()));
            generated.put(generator.path("name").asText(), files);
        }
        assertThat(generated.get("aiops-hub-routes")).containsExactlyInAnyOrderElementsOf(yamlFiles("routes"));
        assertThat(generated.get("aiops-hub-config")).containsExactlyInAnyOrderElementsOf(yamlFiles("config"));
        for (Set<String> files : generated.values()) {
            assertThat(files).allSatisfy(f -> assertThat(DIR.resolve(f)).exists());
        }
        var volumes = one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes();
        assertThat(volumes).anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("aiops-hub-routes"));
        assertThat(volumes).anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("aiops-hub-config"));
        assertThat(kustomization.path("secretGenerator").get(0).path("envs").get(0).asText()).isEqualTo("secrets.env");
        assertThat(Files.readString(Path.of(".gitignore"))).contains("deploy/kubernetes/secrets.env");
    }

    @Test
    void theEnvironmentHoldsOnlySettingsTheHubKnows() throws IOException {
        Set<String> known = new TreeSet<>(env("../../.env.example").keySet());
        known.add("SPRING_PROFILES_ACTIVE");
        assertThat(env("hub.env").keySet()).isSubsetOf(known);
        assertThat(env("secrets.env.example").keySet()).isSubsetOf(known);
        assertThat(env("secrets.env.example").values()).as("no secret in a tracked file")
                .allSatisfy(v -> assertThat(v.equals("") || v.equals("aiops")).isTrue());
    }

    private List<HasMetadata> resources() throws IOException {
        List<HasMetadata> all = new ArrayList<>();
        for (JsonNode file : kustomization().path("resources")) {
            try (InputStream in = Files.newInputStream(DIR.resolve(file.asText()))) {
                Object parsed = serialization.unmarshal(in);
                if (parsed instanceof KubernetesList list) {
                    all.addAll(list.getItems());
                } else if (parsed instanceof List<?> list) {
                    list.forEach(item -> all.add((HasMetadata) item));
                } else {
                    all.add((HasMetadata) parsed);
                }
            }
        }
        return all;
    }

    private <T extends HasMetadata> T one(Class<T> type) throws IOException {
        List<T> found = resources().stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private JsonNode kustomization() throws IOException {
        return yaml.readTree(DIR.resolve("kustomization.yaml").toFile());
    }

    private JsonNode kubernetesProfile() throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(Path.of("src/main/resources/application.yml").toFile())) {
            for (JsonNode doc : yaml.readValues(parser, JsonNode.class).readAll()) {
                if ("kubernetes".equals(doc.at("/spring/config/activate/on-profile").asText())) {
                    return doc;
                }
            }
        }
        throw new AssertionError("application.yml has no document for the profile kubernetes");
    }

    /** The route or config files the hub reads, as paths relative to deploy/kubernetes. */
    private Set<String> yamlFiles(String dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            Set<String> names = new TreeSet<>();
            files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".yaml"))
                    .forEach(f -> names.add("../../" + dir + "/" + f.getFileName()));
            return names;
        }
    }

    /** Active KEY=value lines and commented-out "# KEY=value" settings of an env file. */
    private Map<String, String> env(String file) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve(file))) {
            var m = java.util.regex.Pattern.compile("^(?:#\\s*)?([A-Z][A-Z0-9_]*)=(.*)$").matcher(line);
            if (m.matches()) {
                settings.put(m.group(1), m.group(2));
            }
        }
        return settings;
    }
}
