package sqlwrapuser

import (
	"context"

	"example.com/sqlwrap"
)

type User struct{ Name string }

func users(ctx context.Context, db *sqlwrap.DB) ([]User, error) {
	var out []User
	err := db.Select(&out, "SELECT name FROM users") // want `db.Select cannot be cancelled; use SelectContext with the caller's context`
	return out, err
}

func usersCtx(ctx context.Context, db *sqlwrap.DB) ([]User, error) {
	var out []User
	err := db.SelectContext(ctx, &out, "SELECT name FROM users")
	return out, err
}

func rows(db *sqlwrap.DB) error {
	_, err := db.Queryx("SELECT 1") // want `db.Queryx cannot be cancelled; use QueryxContext with the caller's context`
	return err
}

// Get's Context method takes other parameters: no twin, not reported.
func one(db *sqlwrap.DB) error {
	var u User
	return db.Get(&u, "SELECT name FROM users LIMIT 1")
}

// A package function with a Context twin is not reported (grpc.Dial and
// DialContext are such a pair, and Dial does not block).
func open() (*sqlwrap.DB, error) {
	return sqlwrap.Connect("dsn")
}

func wait(f *sqlwrap.Future) error {
	return f.Wait()
}
