# The README's commands. CI runs `make test` on a clean clone.
GO ?= go

.PHONY: test build vet selfcheck bench bench-go-driver demo
test: vet selfcheck
	$(GO) test -race ./...

# relcheck checks its own code and manifests: a reliability tool that drops
# its own errors would not be believed.
selfcheck:
	$(GO) run ./cmd/relcheck check --fail-on low .

vet:
	$(GO) vet ./...
	@out=$$("$$($(GO) env GOROOT)/bin/gofmt" -l .); if [ -n "$$out" ]; then echo "$$out"; echo "gofmt: the files above are not formatted"; exit 1; fi

build:
	$(GO) build -o bin/relcheck ./cmd/relcheck

demo:
	$(GO) run ./cmd/relcheck check ./testdata/demo

# Benchmarks print numbers; they never assert timings.
bench:
	scripts/bench-manifests.sh 20000
	$(GO) test -run '^$$' -bench . -benchmem ./internal/policy/
	$(GO) test -run '^$$' -bench 'BenchmarkLibrary/all' -benchmem ./policies/

bench-go-driver:
	scripts/bench-go-driver.sh
