// Package pipeline holds the tests of relcheck's CI integrations: the
// GitHub Action (action.yml, action/*.sh) run in a simulated runner and
// linted with actionlint, and the pre-commit hooks run by the real
// pre-commit. It has no code of its own.
package pipeline
