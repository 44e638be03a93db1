package manifest

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LooksLikeCompose reports whether a YAML file whose name does not say so
// (quickstart.yml, local-dev.yaml, swarm-stack.yml) holds a Compose file:
// one document of Compose top-level keys only, a services mapping with at
// least one service that names an image or a build or extends another
// service, and no Kubernetes apiVersion and kind.
// Requiring an image or build keeps out other configs with a services key
// (Temporal's server config lists services by name with their ports).
func LooksLikeCompose(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark
	if !bytes.HasPrefix(data, []byte("services:")) && !bytes.Contains(data, []byte("\nservices:")) {
		return false
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return false
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || (scalarField(root, "apiVersion") != "" && scalarField(root, "kind") != "") {
		return false
	}
	// Compose refuses top-level keys it does not know: a CI file
	// (Woodpecker's steps beside a services map) or Helm values
	// (replicaCount) has some.
	if !onlyKeys(root, composeTopKeys) {
		return false
	}
	services := field(root, "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return false
	}
	built := false
	for i := 1; i < len(services.Content); i += 2 {
		svc := services.Content[i]
		for svc.Kind == yaml.AliasNode {
			svc = svc.Alias
		}
		if svc.Kind != yaml.MappingNode {
			return false
		}
		// Every key must be one Compose knows: a Helm values file with a
		// services map (replicaCount, resources, ingress) is not Compose.
		if !onlyKeys(svc, composeServiceKeys) {
			return false
		}
		img := field(svc, "image")
		if img != nil && img.Kind != yaml.ScalarNode {
			return false
		}
		if img != nil || field(svc, "build") != nil || extendsService(svc) {
			built = true
		}
	}
	return built
}

// extendsService reports whether service svc extends another (extends:
// NAME, or extends: {service: NAME, file: ...}): Compose takes the image or
// build from there, so the service is complete without its own. A file of
// such services (compose-go's extends fixtures, a per-environment file
// that extends a common one) is Compose.
func extendsService(svc *yaml.Node) bool {
	ext := field(svc, "extends")
	for ext != nil && ext.Kind == yaml.AliasNode {
		ext = ext.Alias
	}
	switch {
	case ext == nil:
		return false
	case ext.Kind == yaml.ScalarNode:
		return ext.Value != "" && ext.ShortTag() == "!!str"
	case ext.Kind == yaml.MappingNode:
		name := field(ext, "service")
		return name != nil && name.Kind == yaml.ScalarNode && name.Value != ""
	}
	return false
}

// onlyKeys reports whether every key of mapping m is in known, an x-
// extension or a merge key.
func onlyKeys(m *yaml.Node, known map[string]bool) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i].Value; !known[k] && !strings.HasPrefix(k, "x-") && k != "<<" {
			return false
		}
	}
	return true
}

// composeTopKeys are the top-level keys of the Compose specification.
var composeTopKeys = map[string]bool{"version": true, "name": true, "include": true, "services": true,
	"networks": true, "volumes": true, "secrets": true, "configs": true, "models": true}

// composeServiceKeys are the keys of a service in the Compose
// specification, legacy version 2 keys included.
var composeServiceKeys = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`annotations attach blkio_config build cap_add cap_drop cgroup
		cgroup_parent command configs container_name cpu_count cpu_percent cpu_period cpu_quota
		cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec depends_on deploy develop
		device_cgroup_rules devices dns dns_opt dns_search domainname driver_opts entrypoint env_file
		environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image
		init ipc isolation labels label_file links logging mac_address mem_limit mem_reservation
		mem_swappiness memswap_limit models network_mode networks oom_kill_disable oom_score_adj pid
		pids_limit platform ports post_start pre_stop privileged profiles provider pull_policy
		pull_refresh_after read_only restart runtime scale secrets security_opt shm_size stdin_open
		stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user
		userns_mode uts volume_driver volumes volumes_from working_dir`) {
		composeServiceKeys[k] = true
	}
}
