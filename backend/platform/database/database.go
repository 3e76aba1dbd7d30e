// Package database opens the one database Fairtender uses — SQLite (embedded default) or PostgreSQL
// (production) — and keeps every difference between the two behind a few named helpers.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/fairtender/fairtender/migrations"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	gormpostgres "gorm.io/driver/postgres"
	gormsqlite "gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names the database engine in use.
type Dialect string

// The two supported engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the open database: one *sql.DB shared by gorm and River, so that a job can be inserted in
// the same transaction as the change that causes it.
type DB struct {
	Gorm    *gorm.DB
	SQL     *sql.DB
	Dialect Dialect
}

// OpenSQLite opens (creating when missing) the SQLite file at path with WAL, a busy timeout and
// foreign keys on. A new file is readable by its owner only, as secret.key is: it holds password
// hashes and personal data. SQLite gives the -wal and -shm files the database file's mode.
func OpenSQLite(path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("database: unable to create directory for %s: %w", path, err)
	}
	// SQLite would create the file 0644; creating it first (empty is a valid database) decides.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("database: unable to create %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("database: unable to create %s: %w", path, err)
	}
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
	sqlDB, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("database: unable to open sqlite: %w", err)
	}
	// SQLite allows one writer at a time; River's SQLite driver documents a single connection as
	// the way to avoid SQLITE_BUSY under its concurrent maintenance work.
	sqlDB.SetMaxOpenConns(1)
	sqlDB.SetConnMaxIdleTime(0)
	return finish(sqlDB, gormsqlite.New(gormsqlite.Config{Conn: sqlDB}), SQLite)
}

// OpenPostgres connects to PostgreSQL through pgx.
func OpenPostgres(ctx context.Context, url string) (*DB, error) {
	sqlDB, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("database: unable to open postgres: %w", err)
	}
	sqlDB.SetMaxOpenConns(25)
	sqlDB.SetMaxIdleConns(10)
	sqlDB.SetConnMaxLifetime(30 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("database: unable to reach postgres: %w", err)
	}
	return finish(sqlDB, gormpostgres.New(gormpostgres.Config{Conn: sqlDB}), Postgres)
}

func finish(sqlDB *sql.DB, d gorm.Dialector, dialect Dialect) (*DB, error) {
	g, err := gorm.Open(d, &gorm.Config{
		Logger:                 logger.Discard,
		TranslateError:         true,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("database: unable to start gorm: %w", err)
	}
	return &DB{Gorm: g, SQL: sqlDB, Dialect: dialect}, nil
}

// Close closes the pool.
func (db *DB) Close() error { return db.SQL.Close() }

// Ping checks the database answers, for /readyz.
func (db *DB) Ping(ctx context.Context) error { return db.SQL.PingContext(ctx) }

// Migrate applies Fairtender's SQL migrations for the dialect, then River's own.
func (db *DB) Migrate(ctx context.Context, log *slog.Logger) error {
	dir, gd := "sqlite", goose.DialectSQLite3
	if db.Dialect == Postgres {
		dir, gd = "postgres", goose.DialectPostgres
	}
	sub, err := fs.Sub(migrations.FS, dir)
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	p, err := goose.NewProvider(gd, db.SQL, sub)
	if err != nil {
		return fmt.Errorf("database: unable to prepare migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("database: migration failed: %w", err)
	}
	for _, r := range results {
		log.Info("migration applied", "version", r.Source.Version, "file", filepath.Base(r.Source.Path), "duration", r.Duration)
	}
	if err := db.migrateRiver(ctx); err != nil {
		return fmt.Errorf("database: river migration failed: %w", err)
	}
	return nil
}

func (db *DB) migrateRiver(ctx context.Context) error {
	if db.Dialect == Postgres {
		m, err := rivermigrate.New(riverdatabasesql.New(db.SQL), nil)
		if err != nil {
			return err
		}
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return err
	}
	m, err := rivermigrate.New(riversqlite.New(db.SQL), nil)
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// Tx runs fn in a transaction, committed when fn returns nil and rolled back otherwise.
func (db *DB) Tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return db.Gorm.WithContext(ctx).Transaction(fn)
}

// SQLTx returns the *sql.Tx under a gorm transaction, for River's InsertTx.
func SQLTx(tx *gorm.DB) (*sql.Tx, error) {
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return nil, errors.New("database: not inside a transaction")
	}
	return sqlTx, nil
}

// LockForUpdate serialises writers of one logical resource (such as the audit chain) until the
// transaction ends. SQLite already runs one writer at a time (_txlock=immediate); PostgreSQL takes a
// transaction-scoped advisory lock.
func (db *DB) LockForUpdate(tx *gorm.DB, name string) error {
	if db.Dialect != Postgres {
		return nil
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtext(?))", name).Error; err != nil {
		return fmt.Errorf("database: unable to lock %s: %w", name, err)
	}
	return nil
}

// IsDuplicate reports whether err is a unique-constraint violation on either engine. gorm
// translates PostgreSQL's; modernc's SQLite errors are read by their result code.
func IsDuplicate(err error) bool {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// ILike returns a case-insensitive LIKE condition on column for the dialect.
func (db *DB) ILike(column string) string {
	if db.Dialect == Postgres {
		return column + " ILIKE ?"
	}
	return column + " LIKE ? COLLATE NOCASE"
}

// StringAgg returns an aggregate joining expr with sep: string_agg on PostgreSQL, group_concat on
// SQLite. sep must be a constant the caller controls.
func (db *DB) StringAgg(expr, sep string) string {
	if db.Dialect == Postgres {
		return "string_agg(" + expr + ", '" + sep + "')"
	}
	return "group_concat(" + expr + ", '" + sep + "')"
}
