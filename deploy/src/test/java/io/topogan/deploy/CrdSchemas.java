package io.topogan.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Structural checks of the custom resources in k8s/: Strimzi Kafka, KafkaNodePool and KafkaTopic
 * (kafka.strimzi.io/v1beta2), KEDA ScaledObject (keda.sh/v1alpha1) and the Prometheus Operator's
 * ServiceMonitor (monitoring.coreos.com/v1). Each shape lists a subset of the fields of the
 * CRD's schema: the fields these manifests use and a few close ones. A field outside the shape
 * fails the check, so a misspelled or misplaced field cannot pass silently, but a real field
 * that is not listed yet has to be added here before use. Metadata, resources and label
 * selectors are checked against the fabric8 object model.
 */
final class CrdSchemas {

    /** A rule that returns the problems of one value at a path. */
    interface Shape {
        void check(Object value, String path, List<String> problems);
    }

    static final Shape STRING = scalar(String.class);
    static final Shape INTEGER = scalar(Integer.class);
    static final Shape BOOLEAN = scalar(Boolean.class);

    /** Any map of strings to scalars, such as Kafka broker or topic configuration. */
    static final Shape SCALAR_MAP = (value, path, problems) -> {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ": expected a map, found " + describe(value));
            return;
        }
        map.forEach((key, element) -> {
            if (element instanceof Map || element instanceof List) {
                problems.add(path + "." + key + ": expected a scalar, found " + describe(element));
            }
        });
    };

    static final Shape METADATA = delegate(ObjectModel::metadataProblems);
    static final Shape RESOURCES = delegate(ObjectModel::resourcesProblems);
    static final Shape LABEL_SELECTOR = delegate(ObjectModel::labelSelectorProblems);

    static final Shape KAFKA = object(Map.of(
            "kafka", object(Map.of(
                    "version", STRING,
                    "metadataVersion", STRING,
                    "listeners", list(object(Map.of(
                            "name", STRING,
                            "port", INTEGER,
                            "type", oneOf("internal", "route", "loadbalancer", "nodeport",
                                    "ingress", "cluster-ip"),
                            "tls", BOOLEAN))),
                    "config", SCALAR_MAP,
                    "resources", RESOURCES)),
            "entityOperator", object(Map.of(
                    "topicOperator", object(Map.of("resources", RESOURCES)),
                    "userOperator", object(Map.of("resources", RESOURCES))))));

    static final Shape KAFKA_NODE_POOL = object(Map.of(
            "replicas", INTEGER,
            "roles", list(oneOf("controller", "broker")),
            "storage", object(Map.of(
                    "type", oneOf("jbod", "ephemeral", "persistent-claim"),
                    "volumes", list(object(Map.of(
                            "id", INTEGER,
                            "type", oneOf("ephemeral", "persistent-claim"),
                            "size", STRING,
                            "class", STRING,
                            "deleteClaim", BOOLEAN,
                            "kraftMetadata", oneOf("shared")))))),
            "resources", RESOURCES));

    static final Shape KAFKA_TOPIC = object(Map.of(
            "topicName", STRING,
            "partitions", INTEGER,
            "replicas", INTEGER,
            "config", SCALAR_MAP));

    /** Metadata keys of KEDA's kafka scaler; KEDA reads every value as a string. */
    static final Shape KAFKA_TRIGGER_METADATA = stringMap(Set.of(
            "bootstrapServers", "consumerGroup", "topic", "lagThreshold",
            "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers",
            "excludePersistentLag", "limitToPartitionsWithLag", "scaleToZeroOnInvalidOffset",
            "partitionLimitation", "sasl", "tls", "version"));

    static final Shape SCALED_OBJECT = object(Map.of(
            "scaleTargetRef", object(Map.of(
                    "name", STRING,
                    "kind", STRING,
                    "apiVersion", STRING)),
            "minReplicaCount", INTEGER,
            "maxReplicaCount", INTEGER,
            "idleReplicaCount", INTEGER,
            "pollingInterval", INTEGER,
            "cooldownPeriod", INTEGER,
            "triggers", list(object(Map.of(
                    "type", oneOf("kafka"),
                    "name", STRING,
                    "metadata", KAFKA_TRIGGER_METADATA,
                    "authenticationRef", object(Map.of("name", STRING, "kind", STRING)))))));

    static final Shape SERVICE_MONITOR = object(Map.of(
            "selector", LABEL_SELECTOR,
            "namespaceSelector", object(Map.of("any", BOOLEAN, "matchNames", list(STRING))),
            "jobLabel", STRING,
            "endpoints", list(object(Map.of(
                    "port", STRING,
                    "path", STRING,
                    "scheme", oneOf("http", "https"),
                    "interval", STRING,
                    "scrapeTimeout", STRING,
                    "honorLabels", BOOLEAN)))));

    /** Spec shapes by "apiVersion/kind". */
    static final Map<String, Shape> SPECS = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", KAFKA,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KAFKA_NODE_POOL,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KAFKA_TOPIC,
            "keda.sh/v1alpha1/ScaledObject", SCALED_OBJECT,
            "monitoring.coreos.com/v1/ServiceMonitor", SERVICE_MONITOR);

    private CrdSchemas() {
    }

    static boolean isKnown(Map<String, Object> manifest) {
        return SPECS.containsKey(manifest.get("apiVersion") + "/" + manifest.get("kind"));
    }

    /** Returns the problems of one custom resource, or one problem if its kind is unknown. */
    static List<String> problems(Map<String, Object> manifest) {
        Shape spec = SPECS.get(manifest.get("apiVersion") + "/" + manifest.get("kind"));
        if (spec == null) {
            return List.of("no schema for " + manifest.get("apiVersion") + " "
                    + manifest.get("kind"));
        }
        List<String> problems = new ArrayList<>();
        object(Map.of("apiVersion", STRING, "kind", STRING, "metadata", METADATA, "spec", spec))
                .check(manifest, "", problems);
        return problems;
    }

    static Shape scalar(Class<?> type) {
        return (value, path, problems) -> {
            if (!type.isInstance(value)) {
                problems.add(path + ": expected " + type.getSimpleName() + ", found "
                        + describe(value));
            }
        };
    }

    static Shape oneOf(String... allowed) {
        Set<String> values = Set.of(allowed);
        return (value, path, problems) -> {
            if (!values.contains(value)) {
                problems.add(path + ": expected one of " + values + ", found " + describe(value));
            }
        };
    }

    static Shape list(Shape element) {
        return (value, path, problems) -> {
            if (!(value instanceof List<?> list)) {
                problems.add(path + ": expected a list, found " + describe(value));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                element.check(list.get(i), path + "[" + i + "]", problems);
            }
        };
    }

    static Shape object(Map<String, Shape> fields) {
        return (value, path, problems) -> {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add((path.isEmpty() ? "." : path) + ": expected an object, found "
                        + describe(value));
                return;
            }
            map.forEach((key, element) -> {
                Shape field = fields.get(key.toString());
                if (field == null) {
                    problems.add("unknown field " + key + " at " + (path.isEmpty() ? "." : path));
                } else {
                    field.check(element, path + "." + key, problems);
                }
            });
        };
    }

    static Shape stringMap(Set<String> keys) {
        return (value, path, problems) -> {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(path + ": expected a map, found " + describe(value));
                return;
            }
            map.forEach((key, element) -> {
                if (!keys.contains(key.toString())) {
                    problems.add("unknown field " + key + " at " + path);
                } else if (!(element instanceof String)) {
                    problems.add(path + "." + key + ": expected a quoted string, found "
                            + describe(element));
                }
            });
        };
    }

    static Shape delegate(Function<Object, List<String>> check) {
        return (value, path, problems) -> {
            for (String problem : check.apply(value)) {
                problems.add(path + ": " + problem);
            }
        };
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
