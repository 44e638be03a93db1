package manifest

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// A Kubernetes object whose fields have the wrong YAML shape (containers
// written as a string, a probe as a list) is one the API server would
// reject. Policies that read it would either pass it silently, because
// iterating a string yields nothing, or fail with a type error deep in a
// rule that reads like a bug in the rule. checkShape reports it instead, at
// the offending line, for the fields the built-in policies read.
//
// Only the YAML shape is checked (mapping, list, scalar), never scalar
// types: `replicas: ${REPLICAS}` is how envsubst and Flux post-build
// substitution templates are written, and they are checked as they are.
// A null value is an absent field, as the API server treats it, and so is
// a value tagged !reset: a Compose override file's way to remove a field of
// the file it completes (healthcheck: !reset null, ports: !reset []).

// podSpecPath is where each workload kind keeps its pod spec.
var podSpecPath = map[string][]string{
	"Pod":                   {"spec"},
	"PodTemplate":           {"template", "spec"},
	"Deployment":            {"spec", "template", "spec"},
	"StatefulSet":           {"spec", "template", "spec"},
	"DaemonSet":             {"spec", "template", "spec"},
	"ReplicaSet":            {"spec", "template", "spec"},
	"ReplicationController": {"spec", "template", "spec"},
	"Job":                   {"spec", "template", "spec"},
	"CronJob":               {"spec", "jobTemplate", "spec", "template", "spec"},
}

// resetTag removes a field in a Compose override file (Compose 2.24).
const resetTag = "!reset"

type shape int

const (
	mapping shape = iota
	list
	scalar
)

func (s shape) String() string {
	switch s {
	case mapping:
		return "a mapping"
	case list:
		return "a list"
	}
	return "a single value"
}

// shapeError is a field of the wrong shape, at the field's line.
type shapeError struct {
	line int
	msg  string
}

type shapeChecker struct {
	err *shapeError
}

// want checks that v, the value at path, has shape s, and returns it when
// it does. Absent and null fields return nil without an error; a null list
// element is an error (a container that is null has no name either).
func (c *shapeChecker) want(v *yaml.Node, path string, s shape, what string, element bool) *yaml.Node {
	if v == nil || c.err != nil {
		return nil
	}
	for v.Kind == yaml.AliasNode {
		v = v.Alias
	}
	got := shapeOf(v)
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" && !element {
		return nil
	}
	if v.Tag == resetTag && !element {
		return nil // removed from the merged file, whatever is written
	}
	if got != s {
		c.err = &shapeError{line: v.Line, msg: fmt.Sprintf("%s: want %s (%s), got %s", path, s, what, describeNode(v))}
		return nil
	}
	return v
}

func shapeOf(v *yaml.Node) shape {
	switch v.Kind {
	case yaml.MappingNode:
		return mapping
	case yaml.SequenceNode:
		return list
	}
	return scalar
}

func describeNode(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode {
		if v.ShortTag() == "!!null" {
			return "null"
		}
		s := v.Value
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return fmt.Sprintf("%q", s)
	}
	return shapeOf(v).String()
}

// field is a shape-checked field of mapping m.
func (c *shapeChecker) field(m *yaml.Node, path, key string, s shape, what string) *yaml.Node {
	if m == nil {
		return nil
	}
	return c.want(field(m, key), join(path, key), s, what, false)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// checkShape reports the first field of Kubernetes object n whose shape is
// wrong, or nil.
func checkShape(kind string, n *yaml.Node) *shapeError {
	c := &shapeChecker{}
	md := c.field(n, "", "metadata", mapping, "name, namespace, labels")
	c.field(md, "metadata", "labels", mapping, "label keys and values")
	c.field(md, "metadata", "annotations", mapping, "annotation keys and values")
	var spec *yaml.Node
	if _, known := podSpecPath[kind]; known || kind == "Service" || kind == "PodDisruptionBudget" || kind == "HorizontalPodAutoscaler" {
		spec = c.field(n, "", "spec", mapping, "the object's desired state")
	}
	switch kind {
	case "Service":
		c.field(spec, "spec", "selector", mapping, "pod labels")
		c.items(c.field(spec, "spec", "ports", list, "ports"), "spec.ports", "port")
	case "PodDisruptionBudget":
		c.field(spec, "spec", "selector", mapping, "a label selector")
	case "HorizontalPodAutoscaler":
		c.field(spec, "spec", "scaleTargetRef", mapping, "kind and name of the workload")
	}
	if path, ok := podSpecPath[kind]; ok {
		cur, at := n, ""
		for _, k := range path {
			cur = c.field(cur, at, k, mapping, "a pod template")
			at = join(at, k)
		}
		c.podSpec(cur, at)
	}
	return c.err
}

func (c *shapeChecker) podSpec(ps *yaml.Node, at string) {
	if ps == nil {
		return
	}
	for _, key := range []string{"containers", "initContainers", "ephemeralContainers"} {
		path := join(at, key)
		for i, ctr := range c.items(c.field(ps, at, key, list, "containers"), path, "container") {
			c.container(ctr, fmt.Sprintf("%s[%d]", path, i))
		}
	}
	c.field(ps, at, "affinity", mapping, "node and pod affinity")
	c.items(c.field(ps, at, "topologySpreadConstraints", list, "constraints"), join(at, "topologySpreadConstraints"), "constraint")
	c.items(c.field(ps, at, "volumes", list, "volumes"), join(at, "volumes"), "volume")
}

// items checks that every element of list l is a mapping and returns them.
func (c *shapeChecker) items(l *yaml.Node, path, what string) []*yaml.Node {
	if l == nil {
		return nil
	}
	out := make([]*yaml.Node, 0, len(l.Content))
	for i, e := range l.Content {
		if m := c.want(e, fmt.Sprintf("%s[%d]", path, i), mapping, "a "+what, true); m != nil {
			out = append(out, m)
		}
		if c.err != nil {
			return nil
		}
	}
	return out
}

func (c *shapeChecker) container(ctr *yaml.Node, at string) {
	c.field(ctr, at, "name", scalar, "the container's name")
	c.field(ctr, at, "image", scalar, "an image reference")
	c.items(c.field(ctr, at, "ports", list, "ports"), join(at, "ports"), "port")
	c.items(c.field(ctr, at, "env", list, "variables"), join(at, "env"), "variable")
	for _, p := range []string{"livenessProbe", "readinessProbe", "startupProbe"} {
		c.field(ctr, at, p, mapping, "a probe")
	}
	if lc := c.field(ctr, at, "lifecycle", mapping, "postStart and preStop hooks"); lc != nil {
		c.field(lc, join(at, "lifecycle"), "preStop", mapping, "a hook")
	}
	if res := c.field(ctr, at, "resources", mapping, "requests and limits"); res != nil {
		c.field(res, join(at, "resources"), "requests", mapping, "resource quantities")
		c.field(res, join(at, "resources"), "limits", mapping, "resource quantities")
	}
}

// checkComposeShape is checkShape for a Compose file: the fields the
// built-in Compose rules read. docker compose refuses each of these shapes.
func checkComposeShape(root *yaml.Node) *shapeError {
	c := &shapeChecker{}
	services := c.field(root, "", "services", mapping, "services by name")
	if services == nil {
		return c.err
	}
	for i := 0; i+1 < len(services.Content) && c.err == nil; i += 2 {
		at := join("services", services.Content[i].Value)
		svc := c.want(services.Content[i+1], at, mapping, "a service", false)
		if svc == nil {
			continue
		}
		c.field(svc, at, "image", scalar, "an image reference")
		c.field(svc, at, "restart", scalar, "no, always, on-failure or unless-stopped")
		c.field(svc, at, "healthcheck", mapping, "test, interval, timeout, retries")
		if d := c.field(svc, at, "deploy", mapping, "replicas, resources, restart_policy"); d != nil {
			c.field(d, join(at, "deploy"), "restart_policy", mapping, "condition, delay, max_attempts")
		}
		if dep := field(svc, "depends_on"); dep != nil && dep.Kind == yaml.ScalarNode && dep.ShortTag() != "!!null" {
			c.want(dep, join(at, "depends_on"), list, "service names, or a mapping of them", false)
		}
	}
	return c.err
}
