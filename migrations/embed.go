// Package migrations holds the SQL migrations, one directory per dialect, numbered alike so that
// both databases reach the same tables and columns.
package migrations

import "embed"

// FS holds postgres/*.sql and sqlite/*.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
