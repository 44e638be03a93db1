package closeonwrite

import (
	"context"
	"database/sql"
	"io"
)

// A query's rows are only read: closing them, deferred or not, loses no
// data, and a failed read shows in rows.Err().
func userNames(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func firstID(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM jobs")
	if err != nil {
		return 0, err
	}
	var id int
	if rows.Next() {
		err = rows.Scan(&id)
	}
	rows.Close()
	return id, err
}

// A type embedding *sql.Rows (as sqlx.Rows does) closes the same rows.
type scanner struct {
	*sql.Rows
	cols []string
}

func drainRows(s *scanner) {
	defer s.Close()
	for s.Next() {
	}
}

// Other closers of a database still are what errcheck says they are.
func closeDatabase(db *sql.DB, tx *sql.Tx, stmt *sql.Stmt, c io.Closer) {
	defer db.Close()   // want `error returned by db.Close\(\) is not checked in a defer`
	defer stmt.Close() // want `error returned by stmt.Close\(\) is not checked in a defer`
	tx.Rollback()      // want `error returned by tx.Rollback\(\) is not checked`
	c.Close()          // want `error returned by c.Close\(\) is not checked`
}
