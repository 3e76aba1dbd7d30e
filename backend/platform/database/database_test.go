package database_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/testenv"
	"gorm.io/gorm"
)

// columns lists table.column for every table the app's migrations create (River's own excluded).
func columns(t *testing.T, db *database.DB) []string {
	t.Helper()
	var q string
	if db.Dialect == database.Postgres {
		// Generated columns are left out, as SQLite's pragma_table_info leaves out its own: they are
		// derived data such as opportunities.search_document, PostgreSQL's side of the search that
		// SQLite does with an FTS5 table. So is open_opportunities, the search's narrow copy of open
		// opportunities that triggers keep (migrations/postgres/00008).
		q = `SELECT table_name || '.' || column_name FROM information_schema.columns
		     WHERE table_schema = 'public' AND table_name NOT LIKE 'river%' AND table_name <> 'goose_db_version'
		     AND table_name <> 'open_opportunities' AND is_generated = 'NEVER'`
	} else {
		// pragma_table_list tells full-text shadow tables (type 'shadow', 'virtual') from real ones, so
		// SQLite's FTS5 search table, which PostgreSQL does with a column index instead, is left out.
		q = `SELECT m.name || '.' || p.name FROM pragma_table_list m JOIN pragma_table_info(m.name) p
		     WHERE m.schema = 'main' AND m.type = 'table' AND m.name NOT LIKE 'river%' AND m.name NOT LIKE 'sqlite%' AND m.name <> 'goose_db_version'`
	}
	var cols []string
	if err := db.Gorm.Raw(q).Scan(&cols).Error; err != nil {
		t.Fatal(err)
	}
	slices.Sort(cols)
	return cols
}

func TestMigrationsGiveTheSameTablesOnBothEngines(t *testing.T) {
	admin := testenv.Require(t, "FAIRTENDER_TEST_POSTGRES_URL")
	_ = admin
	t.Setenv("FAIRTENDER_TEST_DB", "postgres")
	pg := dbtest.Open(t)
	t.Setenv("FAIRTENDER_TEST_DB", "sqlite")
	lite := dbtest.Open(t)
	got, want := columns(t, lite), columns(t, pg)
	if !slices.Equal(got, want) {
		t.Fatalf("sqlite columns differ from postgres:\nsqlite:   %v\npostgres: %v", got, want)
	}
	if len(got) < 10 {
		t.Fatalf("only %d columns found; the query is wrong", len(got))
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	db := dbtest.Open(t)
	if err := db.Migrate(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
}

func TestIsDuplicate(t *testing.T) {
	db := dbtest.Open(t)
	insert := func() error {
		return db.Gorm.Exec(`INSERT INTO organisations (id, name, legal_form, created_at, updated_at)
			VALUES ('00000000-0000-0000-0000-000000000001', 'A', 'sole_trader', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`).Error
	}
	if err := insert(); err != nil {
		t.Fatal(err)
	}
	err := insert()
	if !database.IsDuplicate(err) {
		t.Fatalf("IsDuplicate(%v) = false, want true", err)
	}
}

func TestTxRollsBackOnError(t *testing.T) {
	db := dbtest.Open(t)
	err := db.Tx(context.Background(), func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO organisations (id, name, legal_form, created_at, updated_at)
			VALUES ('00000000-0000-0000-0000-000000000002', 'B', 'sole_trader', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`).Error; err != nil {
			return err
		}
		return gorm.ErrInvalidData
	})
	if err == nil {
		t.Fatal("Tx returned nil for a failing function")
	}
	var n int64
	db.Gorm.Table("organisations").Count(&n)
	if n != 0 {
		t.Fatalf("%d organisations after rollback, want 0", n)
	}
}

func TestSQLiteFileSettings(t *testing.T) {
	db, err := database.OpenSQLite(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var fk int
	var mode string
	db.Gorm.Raw("PRAGMA foreign_keys").Scan(&fk)
	db.Gorm.Raw("PRAGMA journal_mode").Scan(&mode)
	if fk != 1 || mode != "wal" {
		t.Fatalf("foreign_keys=%d journal_mode=%s, want 1 and wal", fk, mode)
	}
}

func TestSQLiteFilesAreOwnerOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fresh-data")
	path := filepath.Join(dir, "fairtender.db")
	db, err := database.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(context.Background(), slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	// A write while open: the -wal and -shm files exist now.
	if err := db.Gorm.Exec("INSERT INTO login_throttles (key, failures, first_failure_at) VALUES ('k', 1, CURRENT_TIMESTAMP)").Error; err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s has mode %v, want 0600: the database holds password hashes and personal data", filepath.Base(name), perm)
		}
	}
}
