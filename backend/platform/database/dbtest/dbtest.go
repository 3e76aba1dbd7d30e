// Package dbtest gives tests a fresh, migrated database on the engine chosen for this run
// (FAIRTENDER_TEST_DB=sqlite|postgres), so every database test runs on both.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/testenv"
)

// Engine is the engine this test run uses.
func Engine() database.Dialect {
	if os.Getenv("FAIRTENDER_TEST_DB") == "postgres" {
		return database.Postgres
	}
	return database.SQLite
}

// Open returns a migrated, empty database that is removed when the test ends.
func Open(t testing.TB) *database.DB {
	t.Helper()
	db, _ := OpenURL(t)
	return db
}

// OpenURL is Open that also returns the URL a separate process could use to reach the database
// ("sqlite:<path>" or a postgres URL).
func OpenURL(t testing.TB) (*database.DB, string) {
	t.Helper()
	ctx := context.Background()
	if Engine() == database.SQLite {
		path := filepath.Join(t.TempDir(), "test.db")
		db, err := database.OpenSQLite(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(ctx, quiet); err != nil {
			t.Fatal(err)
		}
		return db, "sqlite:" + path
	}
	admin := testenv.Require(t, "FAIRTENDER_TEST_POSTGRES_URL")
	tmpl := template(t, admin)
	name := "ft_test_" + randomHex()
	exec(t, admin, "CREATE DATABASE "+name+" TEMPLATE "+tmpl)
	dbURL := withDatabase(t, admin, name)
	db, err := database.OpenPostgres(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		exec(t, admin, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return db, dbURL
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var (
	tmplOnce sync.Once
	tmplName string
	tmplErr  error
)

// template migrates one database per test process and clones it for each test, which is far
// quicker than migrating every test's database from scratch.
func template(t testing.TB, admin string) string {
	t.Helper()
	tmplOnce.Do(func() {
		name := "ft_tmpl_" + randomHex()
		if tmplErr = execErr(admin, "CREATE DATABASE "+name); tmplErr != nil {
			return
		}
		u, err := url.Parse(admin)
		if err != nil {
			tmplErr = err
			return
		}
		u.Path = "/" + name
		db, err := database.OpenPostgres(context.Background(), u.String())
		if err != nil {
			tmplErr = err
			return
		}
		tmplErr = db.Migrate(context.Background(), quiet)
		db.Close()
		tmplName = name
	})
	if tmplErr != nil {
		t.Fatalf("dbtest: unable to prepare template database: %v", tmplErr)
	}
	return tmplName
}

func withDatabase(t testing.TB, admin, name string) string {
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func exec(t testing.TB, admin, stmt string) {
	t.Helper()
	if err := execErr(admin, stmt); err != nil {
		t.Fatalf("dbtest: %s: %v", stmt, err)
	}
}

func execErr(admin, stmt string) error {
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(stmt)
	return err
}

func randomHex() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
