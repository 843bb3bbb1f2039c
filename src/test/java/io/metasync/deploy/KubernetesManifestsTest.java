package io.metasync.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Offline validation of k8s/: every manifest parses into the typed Kubernetes model with no unknown
 * field anywhere (a misspelt or misplaced key fails), and the pieces fit together (selectors, probes,
 * references, hardening) as the README promises.
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    @Test
    void everyManifestIsAKnownKindWithNoUnknownField() throws IOException {
        List<HasMetadata> all = loadAll();
        assertEquals(6, all.size(), "configmap, secret template, deployment, service, hpa, pdb");
        for (HasMetadata resource : all) {
            assertNotNull(resource.getMetadata().getName(), resource.getKind() + " has a name");
            List<String> unknown = new ArrayList<>();
            collectUnknown(resource, resource.getKind(), unknown);
            assertTrue(unknown.isEmpty(), "unknown fields: " + unknown);
        }
    }

    @Test
    void deploymentIsHardenedAndProbed() throws IOException {
        Deployment deployment = load("deployment.yaml", Deployment.class);
        assertEquals(2, deployment.getSpec().getReplicas());
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()));
        assertTrue(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
        Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(app.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(app.getSecurityContext().getAllowPrivilegeEscalation());
        assertProbe(app.getLivenessProbe(), "/q/health/live");
        assertProbe(app.getReadinessProbe(), "/q/health/ready");
        assertProbe(app.getStartupProbe(), "/q/health/started");
        assertTrue(app.getResources().getRequests().keySet().containsAll(Set.of("cpu", "memory")));
        assertTrue(app.getResources().getLimits().keySet().containsAll(Set.of("cpu", "memory")));
        Set<String> refs = new java.util.HashSet<>();
        for (EnvFromSource from : app.getEnvFrom()) {
            refs.add(from.getConfigMapRef() != null ? from.getConfigMapRef().getName() : from.getSecretRef().getName());
        }
        assertEquals(Set.of(load("configmap.yaml", ConfigMap.class).getMetadata().getName(),
                load("secret.example.yaml", Secret.class).getMetadata().getName()), refs);
    }

    @Test
    void serviceHpaAndPdbTargetTheDeployment() throws IOException {
        Deployment deployment = load("deployment.yaml", Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Service service = load("service.yaml", Service.class);
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        HorizontalPodAutoscaler hpa = load("hpa.yaml", HorizontalPodAutoscaler.class);
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2);
        PodDisruptionBudget pdb = load("pdb.yaml", PodDisruptionBudget.class);
        assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
    }

    @Test
    void everyConfiguredVariableIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> keys = new ArrayList<>(load("configmap.yaml", ConfigMap.class).getData().keySet());
        keys.addAll(load("secret.example.yaml", Secret.class).getStringData().keySet());
        for (String key : keys) {
            assertTrue(readme.contains(key), key + " is in the README's configuration table");
        }
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
    }

    private static <T> T load(String file, Class<T> type) throws IOException {
        return YAML.readValue(DIR.resolve(file).toFile(), type);
    }

    private static List<HasMetadata> loadAll() throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode node = YAML.readTree(file.toFile());
                if (node.path("kind").asText().equals("Kustomization")) {
                    continue;
                }
                String key = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(key);
                assertNotNull(type, file + ": unexpected kind " + key);
                out.add(YAML.treeToValue(node, type));
            }
        }
        return out;
    }

    /** fabric8 keeps fields it does not know in additionalProperties: any there is a mistake in the manifest. */
    private static void collectUnknown(Object value, String where, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                collectUnknown(item, where + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, where + "." + k, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object child = m.invoke(value);
                if (m.getName().equals("getAdditionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(where + ": " + extra.keySet());
                    }
                } else {
                    collectUnknown(child, where + "." + m.getName().substring(3), unknown);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
