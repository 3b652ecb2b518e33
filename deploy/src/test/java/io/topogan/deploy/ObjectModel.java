package io.topogan.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks manifests against the Kubernetes object model of fabric8. The model classes keep
 * fields they do not know in {@code additionalProperties} instead of failing, so after reading a
 * manifest into its class this walks the object tree and reports every such field.
 */
final class ObjectModel {

    /** Core kinds by "apiVersion/kind". Custom resources are checked by {@link CrdSchemas}. */
    static final Map<String, Class<?>> CORE_KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "batch/v1/Job", Job.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ObjectModel() {
    }

    static boolean isCore(Map<String, Object> manifest) {
        return CORE_KINDS.containsKey(manifest.get("apiVersion") + "/" + manifest.get("kind"));
    }

    /** Returns the problems of a core object: mistyped values and unknown fields, by path. */
    static List<String> problems(Map<String, Object> manifest) {
        Class<?> type = CORE_KINDS.get(manifest.get("apiVersion") + "/" + manifest.get("kind"));
        if (type == null) {
            return List.of("not a core kind: " + manifest.get("apiVersion") + " "
                    + manifest.get("kind"));
        }
        return problems(manifest, type);
    }

    static List<String> metadataProblems(Object metadata) {
        return metadata == null ? List.of() : problems(metadata, ObjectMeta.class);
    }

    static List<String> resourcesProblems(Object resources) {
        return problems(resources, ResourceRequirements.class);
    }

    static List<String> labelSelectorProblems(Object selector) {
        return problems(selector, LabelSelector.class);
    }

    /** Reads {@code value} into {@code type} and lists its mistyped and unknown fields. */
    static List<String> problems(Object value, Class<?> type) {
        Object object;
        try {
            object = MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            return List.of("invalid " + type.getSimpleName() + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        collectUnknownFields(object, "", problems);
        return problems;
    }

    private static void collectUnknownFields(Object object, String path, List<String> problems) {
        if (object == null) {
            return;
        }
        if (object instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                collectUnknownFields(element, path + "[" + index++ + "]", problems);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                collectUnknownFields(entry.getValue(), path + "." + entry.getKey(), problems);
            }
            return;
        }
        if (!object.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : object.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get")
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = method.invoke(object);
            } catch (java.lang.reflect.InvocationTargetException e) {
                // For example Quantity.getNumericalAmount on an invalid quantity such as "2 Gi".
                problems.add("invalid value at " + path + ": " + e.getCause());
                continue;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call " + method, e);
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add("unknown field" + (extra.size() > 1 ? "s " : " ")
                            + extra.keySet() + " at " + (path.isEmpty() ? "." : path));
                }
                continue;
            }
            String property = Character.toLowerCase(method.getName().charAt(3))
                    + method.getName().substring(4);
            collectUnknownFields(child, path + "." + property, problems);
        }
    }
}
