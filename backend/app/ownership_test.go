package app_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// tableOwners says which package (its directory under backend/) owns each table. Only the owner's
// Go code may name its table in SQL; every other package goes through the owner's Go API. A table
// a migration creates without a row here fails TestEveryTableHasOneOwner, so a new feature has to
// say who owns its tables when it adds them.
var tableOwners = map[string]string{
	"organisations":     "accounts",
	"users":             "accounts",
	"memberships":       "accounts",
	"one_time_tokens":   "accounts",
	"sessions":          "accounts",
	"refresh_tokens":    "accounts",
	"login_throttles":   "accounts",
	"second_factors":    "accounts",
	"recovery_codes":    "accounts",
	"two_step_policies": "accounts",

	"supplier_profiles":        "suppliers",
	"supplier_profile_drafts":  "suppliers",
	"supplier_cpv_codes":       "suppliers",
	"supplier_accreditations":  "suppliers",
	"supplier_contacts":        "suppliers",
	"supplier_insurances":      "suppliers",
	"supplier_declarations":    "suppliers",
	"organisation_invitations": "suppliers",
	"bank_detail_changes":      "suppliers",

	"opportunities":                   "opportunities",
	"opportunities_fts":               "opportunities",
	"opportunity_cpv_codes":           "opportunities",
	"opportunity_outage_extensions":   "opportunities",
	"opportunity_lots":                "opportunities",
	"opportunity_criteria":            "opportunities",
	"opportunity_documents":           "opportunities",
	"opportunity_amendments":          "opportunities",
	"opportunity_reference_counters":  "opportunities",
	"opportunity_deadline_deliveries": "opportunities",

	"alerts":                 "notifications",
	"alert_profile_defaults": "notifications",
	"opportunity_interests":  "notifications",
	"notifications":          "notifications",

	"clarification_questions":      "clarifications",
	"clarification_answers":        "clarifications",
	"clarification_late_decisions": "clarifications",
	"clarification_documents":      "clarifications",
	// The names 00015 rebuilds the two tables under on SQLite, renamed back at once.
	"clarification_questions_new": "clarifications",
	"clarification_answers_new":   "clarifications",
	"bid_forms":                   "bids",
	"bid_opening_panel":           "bids",
	"bid_opening_confirmations":   "bids",
	"bid_price_confirmations":     "bids",
	"bid_openings":                "bids",
	"bids":                        "bids",
	"bid_answers":                 "bids",
	"bid_documents":               "bids",
	"bid_submissions":             "bids",
	"bid_idempotency":             "bids",

	"evaluation_methods":            "evaluation",
	"evaluation_panel":              "evaluation",
	"evaluation_declarations":       "evaluation",
	"evaluation_bids":               "evaluation",
	"evaluation_marks":              "evaluation",
	"evaluation_moderations":        "evaluation",
	"evaluation_prices":             "evaluation",
	"evaluation_history":            "evaluation",
	"evaluation_awards":             "evaluation",
	"evaluation_outcomes":           "evaluation",
	"evaluation_summaries":          "evaluation",
	"evaluation_feedback_questions": "evaluation",

	"dps":                        "dps",
	"dps_categories":             "dps",
	"dps_questions":              "dps",
	"dps_applications":           "dps",
	"dps_application_categories": "dps",
	"dps_answers":                "dps",
	"dps_answer_documents":       "dps",
	"dps_calls":                  "dps",
	"dps_invitations":            "dps",
	"dps_reference_counters":     "dps",

	"audit_log":   "platform/audit",
	"heartbeats":  "platform/heartbeat",
	"sent_emails": "platform/jobs",
	// Uploads in progress, before a feature's Target makes a document of them.
	"resumable_uploads": "platform/resumable",
	// Created by goose and River themselves rather than by our migrations.
	"goose_db_version": "platform/database",
}

// platformPrefixes own every table whose name starts with the prefix (River's own migrations make
// river_job, river_leader, river_queue … and may add more in a River upgrade).
var platformPrefixes = map[string]string{"river_": "platform/jobs"}

var (
	createdTable = regexp.MustCompile(`(?i)CREATE\s+(?:VIRTUAL\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z_][a-z0-9_]*)`)
	sqlKeyword   = regexp.MustCompile(`\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|WHERE|EXISTS|RETURNING)\b`)
	sqlWord      = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	// gormSQLMethods take SQL (a table name, a clause or a whole statement) as their first argument.
	gormSQLMethods = []string{"Table", "Raw", "Exec", "Joins", "Where", "Or", "Not", "Select", "Order", "Group", "Having",
		"Distinct", "Expr", "InnerJoins"}
	// gormModelMethods read or write the table of the model they are given.
	gormModelMethods = []string{"Take", "First", "Last", "Find", "Model", "Create", "CreateInBatches", "Save", "Delete",
		"Updates", "FirstOrCreate", "FirstOrInit"}
)

// migrationTables reads the tables and views the SQLite migrations create (the PostgreSQL ones
// create the same, as the migration test checks).
func migrationTables(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "migrations", "sqlite", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no migrations found: %v", err)
	}
	var tables []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range createdTable.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(tables, strings.ToLower(m[1])) {
				tables = append(tables, strings.ToLower(m[1]))
			}
		}
	}
	return tables
}

func ownerOf(table string) (string, bool) {
	if o, ok := tableOwners[table]; ok {
		return o, true
	}
	for prefix, o := range platformPrefixes {
		if strings.HasPrefix(table, prefix) {
			return o, true
		}
	}
	return "", false
}

func TestEveryTableHasOneOwner(t *testing.T) {
	for _, table := range migrationTables(t) {
		if _, ok := ownerOf(table); !ok {
			t.Errorf("table %s is created by a migration but has no owner in tableOwners (ownership_test.go): add the package that owns it", table)
		}
	}
	for table, owner := range tableOwners {
		if _, err := os.Stat(filepath.Join("..", owner)); err != nil {
			t.Errorf("table %s is owned by %s, which is not a package under backend/", table, owner)
		}
	}
}

// sqlReference is one place where Go code names a table in SQL, or hands gorm another package's
// model (then table is empty and model names the type).
type sqlReference struct {
	pkg, table, where string
	model, modelPkg   string
}

const modulePath = "github.com/fairtender/fairtender/backend/"

// gormModels finds gorm calls in fn given a model type of another package (one with a TableName
// method, listed in models as "pkg.Type") (&o where o is declared
// as opportunities.Opportunity, or &opportunities.Opportunity{}): gorm then names that package's
// table without any SQL in sight.
func gormModels(fn *ast.FuncDecl, imports map[string]string, models map[string]bool, report func(pos token.Pos, pkg, typ string)) {
	typeOf := func(e ast.Expr) (string, string, bool) {
		for {
			switch x := e.(type) {
			case *ast.StarExpr:
				e = x.X
				continue
			case *ast.ArrayType:
				e = x.Elt
				continue
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok {
					if pkg, ok := imports[id.Name]; ok {
						return pkg, x.Sel.Name, true
					}
				}
			}
			return "", "", false
		}
	}
	vars := map[string]ast.Expr{}
	ast.Inspect(fn, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && vs.Type != nil {
			for _, name := range vs.Names {
				vars[name.Name] = vs.Type
			}
		}
		return true
	})
	ast.Inspect(fn, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || !slices.Contains(gormModelMethods, sel.Sel.Name) {
			return true
		}
		for _, arg := range call.Args {
			if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
				arg = u.X
			}
			var typ ast.Expr
			switch a := arg.(type) {
			case *ast.Ident:
				typ = vars[a.Name]
			case *ast.CompositeLit:
				typ = a.Type
			}
			if typ == nil {
				continue
			}
			if pkg, name, ok := typeOf(typ); ok && models[pkg+"."+name] {
				report(arg.Pos(), pkg, name)
			}
		}
		return true
	})
}

// tableReferences finds, in every non-test Go file under backend/, the tables named in SQL: string
// literals passed to gorm's SQL-taking methods (Table, Raw, Exec, Joins, Where …), literals that
// read as SQL (an upper-case SELECT, FROM, JOIN …), and what a TableName method returns.
func tableReferences(t *testing.T, known func(string) bool) []sqlReference {
	t.Helper()
	root := filepath.Join("..")
	var refs []sqlReference
	fset := token.NewFileSet()
	models := modelTypes(t, root)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		pkg := filepath.ToSlash(filepath.Dir(rel))
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		imports := map[string]string{}
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			rest, ok := strings.CutPrefix(path, modulePath)
			if !ok {
				continue
			}
			name := rest[strings.LastIndex(rest, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = rest
		}
		seen := map[*ast.BasicLit]bool{}
		add := func(lit *ast.BasicLit, always bool) {
			if seen[lit] || lit.Kind != token.STRING {
				return
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return
			}
			if !always && !sqlKeyword.MatchString(s) {
				return
			}
			seen[lit] = true
			for _, w := range sqlWord.FindAllString(s, -1) {
				if known(strings.ToLower(w)) {
					p := fset.Position(lit.Pos())
					refs = append(refs, sqlReference{pkg: pkg, table: strings.ToLower(w),
						where: filepath.ToSlash(rel) + ":" + strconv.Itoa(p.Line)})
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				gormModels(n, imports, models, func(pos token.Pos, modelPkg, typ string) {
					refs = append(refs, sqlReference{pkg: pkg, model: typ, modelPkg: modelPkg,
						where: filepath.ToSlash(rel) + ":" + strconv.Itoa(fset.Position(pos).Line)})
				})
				if n.Name.Name == "TableName" && n.Body != nil {
					ast.Inspect(n.Body, func(m ast.Node) bool {
						if r, ok := m.(*ast.ReturnStmt); ok {
							for _, e := range r.Results {
								if lit, ok := e.(*ast.BasicLit); ok {
									add(lit, true)
								}
							}
						}
						return true
					})
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && slices.Contains(gormSQLMethods, sel.Sel.Name) && len(n.Args) > 0 {
					if lit, ok := n.Args[0].(*ast.BasicLit); ok {
						add(lit, true)
					}
				}
			case *ast.BasicLit:
				add(n, false)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return refs
}

// modelTypes lists the gorm models under root, as "pkg.Type": every type with a TableName method.
func modelTypes(t *testing.T, root string) map[string]bool {
	t.Helper()
	models := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Name.Name != "TableName" || fn.Recv == nil || len(fn.Recv.List) != 1 {
				continue
			}
			recv := fn.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			if id, ok := recv.(*ast.Ident); ok {
				models[filepath.ToSlash(rel)+"."+id.Name] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return models
}

// TestOnlyTheOwnerNamesItsTables keeps "one owner per table": a package that wants another's data
// calls the owner's Go API (which may hand back a subquery when one statement matters for speed)
// instead of naming the owner's tables in its own SQL.
func TestOnlyTheOwnerNamesItsTables(t *testing.T) {
	tables := migrationTables(t)
	known := func(w string) bool {
		if slices.Contains(tables, w) {
			return true
		}
		_, ok := tableOwners[w]
		return ok || strings.HasPrefix(w, "river_")
	}
	refs := tableReferences(t, known)
	if len(refs) == 0 {
		t.Fatal("found no SQL naming a table at all: the scanner is broken")
	}
	for _, r := range refs {
		if r.model != "" {
			if r.modelPkg != r.pkg && slices.Contains(slices.Collect(maps.Values(tableOwners)), r.modelPkg) {
				t.Errorf("%s hands gorm %s.%s, so it reads or writes a table %s owns: call %s's Go API instead",
					r.where, r.modelPkg, r.model, r.modelPkg, r.modelPkg)
			}
			continue
		}
		owner, ok := ownerOf(r.table)
		if !ok {
			continue // TestEveryTableHasOneOwner reports it
		}
		if r.pkg != owner && !strings.HasPrefix(r.pkg, owner+"/") {
			t.Errorf("%s names table %s, which %s owns: call %s's Go API instead", r.where, r.table, owner, owner)
		}
	}
}
