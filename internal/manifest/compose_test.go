package manifest

import "testing"

func TestLooksLikeCompose(t *testing.T) {
	for name, c := range map[string]struct {
		src  string
		want bool
	}{
		"named for its purpose":              {"services:\n  web:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n", true},
		"build only, legacy version key":     {"version: \"2.4\"\nservices:\n  api:\n    build: .\n    mem_limit: 512m\n", true},
		"extensions, anchors and merge keys": {"x-base: &base\n  restart: always\nservices:\n  db:\n    <<: *base\n    image: postgres:16\n    x-owner: dba\n", true},
		"a comment before services":          {"# local development\nservices:\n  web:\n    image: app:dev\n", true},
		"a byte order mark":                  {"\xef\xbb\xbfservices:\n  web:\n    image: app:dev\n", true},
		// Temporal's server config lists services with their ports.
		"another tool's services map": {"services:\n  frontend:\n    rpc:\n      grpcPort: 7233\n", false},
		// An umbrella chart's values.
		"Helm values":                   {"services:\n  api:\n    image: repo/api:1.0\n    replicaCount: 2\n    resources: {}\n", false},
		"Helm values with an image map": {"services:\n  api:\n    image:\n      repository: repo/api\n      tag: \"1.0\"\n", false},
		// GitLab CI's top-level services is a list of images.
		"GitLab CI":                      {"image: golang:1.26\nservices:\n  - postgres:16\ntest:\n  script: go test ./...\n", false},
		"a Kubernetes object":            {"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  services: |\n    web\n", false},
		"services but no image or build": {"services:\n  web:\n    ports: [\"80:80\"]\n", false},
		// Services that take their image from the service they extend.
		"extends another file":      {"services:\n  web:\n    extends:\n      file: common.yaml\n      service: web\n    ports: [\"80:80\"]\n", true},
		"extends by name":           {"services:\n  worker:\n    extends: web\n    command: [worker]\n", true},
		"extends without a service": {"services:\n  web:\n    extends: {file: common.yaml}\n", false},
		"extends not a name":        {"services:\n  web:\n    extends: [web]\n", false},
		"not YAML":                  {"services: [\n", false},
		// Every Compose top-level key, and a docker stack file.
		"all top-level keys": {"name: shop\ninclude: [base.yaml]\nservices:\n  web:\n    image: app:1\nnetworks: {}\nvolumes: {}\nsecrets: {}\nconfigs: {}\nmodels: {}\nx-env: {}\n", true},
		"docker stack file":  {"version: \"3.8\"\nservices:\n  web:\n    image: app:1\n    deploy:\n      replicas: 2\n", true},
		// Woodpecker CI: a services map of images beside its steps.
		"Woodpecker CI": {"steps:\n  test:\n    image: golang:1.26\n    commands: [go test ./...]\nservices:\n  database:\n    image: mysql:8\n    environment: [MYSQL_DATABASE=test]\n", false},
		// Helm values whose services happen to use only Compose keys.
		"Helm values with Compose-like services": {"replicaCount: 2\nservices:\n  api:\n    image: repo/api:1.0\n    ports: [80]\n", false},
	} {
		if got := LooksLikeCompose([]byte(c.src)); got != c.want {
			t.Errorf("%s: LooksLikeCompose = %v, want %v", name, got, c.want)
		}
	}
}
