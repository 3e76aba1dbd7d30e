package dbtest

import (
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/database"
)

// BulkInsert writes rows of values into table, many rows a statement, for benchmarks that seed
// thousands of rows: one INSERT a row would measure the seeding, not the code under test.
func BulkInsert(tb testing.TB, db *database.DB, table, columns string, rows [][]any) {
	tb.Helper()
	n := len(strings.Split(columns, ","))
	// Both engines take at least 32,766 parameters a statement.
	per := 30000 / n
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		var sb strings.Builder
		sb.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
		args := make([]any, 0, (end-start)*n)
		for i, r := range rows[start:end] {
			if i > 0 {
				sb.WriteString(",")
			}
			sb.WriteString("(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")")
			args = append(args, r...)
		}
		if err := db.Gorm.Exec(sb.String(), args...).Error; err != nil {
			tb.Fatalf("seeding %s: %v", table, err)
		}
	}
}
