// Package sqlwrap mirrors database/sql the way sqlx does: every method
// comes in a context-less form and a Context form.
package sqlwrap

import (
	"context"
	"database/sql"
)

type DB struct{ *sql.DB }

type Rows struct{ *sql.Rows }

// Queryx is the context-less half of a pair: it has no context to pass on,
// and callers are told to use QueryxContext.
func (db *DB) Queryx(query string, args ...any) (*Rows, error) { // want Queryx:`calls without context`
	r, err := db.DB.Query(query, args...)
	return &Rows{r}, err
}

func (db *DB) QueryxContext(ctx context.Context, query string, args ...any) (*Rows, error) {
	r, err := db.DB.QueryContext(ctx, query, args...)
	return &Rows{r}, err
}

func (db *DB) Select(dest any, query string, args ...any) error { // want Select:`calls without context`
	_, err := db.Queryx(query, args...)
	return err
}

func (db *DB) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	_, err := db.QueryxContext(ctx, query, args...)
	return err
}

// Get has a Context method beside it whose parameters differ: not a twin,
// so the call inside is still reported.
func (db *DB) Get(dest any, query string) error {
	return db.DB.QueryRow(query).Scan(dest) // want `db.DB.QueryRow cannot be cancelled; use QueryRowContext with the caller's context`
}

func (db *DB) GetContext(ctx context.Context, dest any, query string, args ...any) error {
	return db.DB.QueryRowContext(ctx, query, args...).Scan(dest)
}

// Beginx has no twin named BeginxContext: reported inside.
func (db *DB) Beginx() (*sql.Tx, error) {
	return db.DB.Begin() // want `db.DB.Begin cannot be cancelled; use BeginTx with the caller's context`
}

// Connect is a function; its callers are not told about ConnectContext,
// so the Ping inside stays reported.
func Connect(dsn string) (*DB, error) {
	db, err := sql.Open("x", dsn)
	if err != nil {
		return nil, err
	}
	return &DB{db}, db.Ping() // want `db.Ping cannot be cancelled; use PingContext with the caller's context`
}

func ConnectContext(ctx context.Context, dsn string) (*DB, error) {
	db, err := sql.Open("x", dsn)
	if err != nil {
		return nil, err
	}
	return &DB{db}, db.PingContext(ctx)
}

// Future is a result that an earlier call (given a context) will deliver.
// Wait makes no context-less call, so its callers are not told about
// WaitContext.
type Future struct{ done chan error }

func (f *Future) Wait() error { return <-f.done }

func (f *Future) WaitContext(ctx context.Context) error {
	select {
	case err := <-f.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
