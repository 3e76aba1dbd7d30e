// Command fairtender is the whole portal in one binary: the web server with its background
// workers, migrations, administration and demo data. It only wires; the work is in the packages.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/config"
)

const usage = `Usage: fairtender <command> [options]

Commands:
  serve                      run the portal (web and background jobs); migrates first unless FAIRTENDER_AUTO_MIGRATE=false
  migrate                    apply database migrations
  demo                       load demo data (a council, staff and a supplier) and print their sign-ins
  admin create-user --email E --name N --role R --password-stdin
                             create a council staff account (buyer, evaluator, case_officer, admin)
  admin deactivate --email E switch an account off: its sessions end and it cannot sign in
  admin reactivate --email E switch an account back on
  admin set-role --email E --role R
                             give a council officer another staff role
  admin end-sessions --email E
                             sign a person out everywhere
  admin reset-two-step --email E
                             remove a person's two-step verification (a lost phone) and sign them out
  audit verify [--expect-head COUNT:HASH]
                             check the audit log's hash chain; with --expect-head, also that it still
                             holds a head written earlier to the log or /readyz (so deleting the
                             newest entries is found)
  config                     print the effective settings, secrets masked
  openapi                    print the OpenAPI 3.1 document

Settings are environment variables; see README.md.
`

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fairtender:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch args[0] {
	case "serve":
		return serve(ctx, cfg, log)
	case "migrate":
		db, err := app.OpenDatabase(ctx, cfg)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.Migrate(ctx, log); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Migrations applied.")
		return nil
	case "config":
		for _, kv := range cfg.Effective() {
			fmt.Fprintf(stdout, "%s=%s\n", kv[0], kv[1])
		}
		// As comments, so the output still reads as an env file.
		for _, w := range cfg.Warnings() {
			fmt.Fprintf(stdout, "# Warning: %s\n", w)
		}
		return nil
	case "openapi":
		ocfg := openAPIConfig()
		defer os.RemoveAll(ocfg.DataDir)
		a, err := app.New(ctx, ocfg, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{NoWorkers: true})
		if err != nil {
			return err
		}
		defer a.Close()
		b, err := json.MarshalIndent(a.Server.API.OpenAPI(), "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, string(b))
		return nil
	case "demo":
		clock := &demoClock{}
		a, err := app.New(ctx, cfg, log, app.Options{NoWorkers: true, Now: clock.Now})
		if err != nil {
			return err
		}
		defer a.Close()
		return loadDemo(ctx, a, clock, stdout)
	case "admin":
		if len(args) < 2 {
			return errors.New(adminUsage)
		}
		if args[1] == "reset-two-step" {
			return resetTwoStep(ctx, cfg, log, args[2:], stdout)
		}
		if args[1] == "create-user" {
			return createUser(ctx, cfg, log, args[2:], stdin, stdout)
		}
		return changeAccount(ctx, cfg, log, args[1], args[2:], stdout)
	case "audit":
		if len(args) < 2 || args[1] != "verify" {
			return errors.New("usage: fairtender audit verify [--expect-head COUNT:HASH]")
		}
		return verifyAudit(ctx, cfg, args[2:], stdout)
	}
	return fmt.Errorf("unknown command %q\n\n%s", args[0], usage)
}

// sweepCrashedUploads removes the temporary files of uploads to the local document store that a
// crash left behind. Nothing of this process writes there before it listens, and other replicas
// share an S3 store, not this disk, so every one of our temporary files older than start is dead.
func sweepCrashedUploads(store blobstore.Store, start time.Time, log *slog.Logger) error {
	local, ok := store.(*blobstore.Local)
	if !ok {
		return nil
	}
	n, err := local.SweepTemp(start)
	if err != nil {
		return err
	}
	if n > 0 {
		log.Info("removed uploads left unfinished by a crash", "files", n)
	}
	return nil
}

// auditHeadInterval is how often serve writes the audit chain's head to the log.
const auditHeadInterval = 10 * time.Minute

func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	start := time.Now()
	a, err := app.New(ctx, cfg, log, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	if err := sweepCrashedUploads(a.Blobs, start, log); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("unable to listen on %s: %w", cfg.Listen, err)
	}
	for _, w := range cfg.Warnings() {
		log.Warn("check the settings: " + w)
	}
	log.Info("Fairtender is running", "address", cfg.BaseURL, "listen", ln.Addr().String(), "database", string(a.DB.Dialect),
		"startup_ms", time.Since(start).Milliseconds())
	stopHeads := logAuditHeads(ctx, a.Audit, log, auditHeadInterval)
	err = a.Run(ctx, ln)
	stopHeads()
	return err
}

// logAuditHeads writes the audit chain's head to the log now, every interval, and once more when
// the returned function is called (at shutdown). The log leaves the database, so a head in it
// shows later whether the newest entries were deleted: `fairtender audit verify --expect-head`.
func logAuditHeads(ctx context.Context, l *audit.Log, log *slog.Logger, interval time.Duration) (stop func()) {
	write := func(ctx context.Context, when string) {
		h, err := l.Head(ctx)
		if err != nil {
			log.Error("unable to read the audit chain's head", "error", err)
			return
		}
		log.Info("audit chain head", "when", when, "audit_count", h.Count, "audit_head", h.String())
	}
	write(ctx, "start-up")
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				write(ctx, "interval")
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		// ctx is cancelled by now (the signal that stops serve), so the last read has its own.
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		write(sctx, "shutdown")
	}
}

func verifyAudit(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	expect := fs.String("expect-head", "", "a head written earlier (COUNT:HASH or HASH) that the chain must still hold")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var want audit.Head
	if *expect != "" {
		var err error
		if want, err = audit.ParseHead(*expect); err != nil {
			return err
		}
	}
	db, err := app.OpenDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	l := audit.New(db, time.Now)
	if *expect == "" {
		n, err := l.Verify(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Audit log intact: %d entries checked.\n", n)
		return nil
	}
	n, err := l.VerifyHead(ctx, want)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Audit log intact: %d entries checked; it still holds the expected head %s.\n", n, *expect)
	return nil
}

// openAPIConfig builds the document from defaults in a throwaway data directory, so printing it
// needs no database or settings and always gives the same document.
func openAPIConfig() config.Config {
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "fairtender-openapi-")
	if err != nil {
		panic(err)
	}
	cfg.DataDir = dir
	cfg.DatabaseURL = "sqlite:" + dir + "/openapi.db"
	cfg.SecretKey = strings.Repeat("x", config.MinSecretKeyLength)
	return cfg
}

func createUser(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("admin create-user", flag.ContinueOnError)
	email := fs.String("email", "", "email address")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "buyer, evaluator, case_officer or admin")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*pwStdin {
		return errors.New("give --password-stdin and pipe the password in, so it stays out of shell history and process lists")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("unable to read password: %w", err)
	}
	a, err := app.New(ctx, cfg, log, app.Options{NoWorkers: true})
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Accounts.CreateUser(ctx, accounts.CreateUserInput{Email: *email, Name: *name, Role: *role, Password: strings.TrimRight(line, "\r\n")})
	var fields apperr.Fields
	if errors.As(err, &fields) {
		for _, f := range fields {
			fmt.Fprintf(os.Stderr, "  --%s: %s\n", f.Field, f.Message)
		}
		return errors.New("the user was not created")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s (%s) with id %s.\n", u.Email, u.Role, u.ID)
	if required, err := a.Accounts.RoleRequiresTwoStep(ctx, auth.Role(u.Role)); err == nil && required {
		fmt.Fprint(stdout, "Their role must use two-step verification: they set up an authenticator app the first time they sign in.\n")
	}
	return nil
}

// resetTwoStep is the way back in for an administrator who has lost their phone and their
// recovery codes, when no other administrator can reset it for them from the admin pages.
func resetTwoStep(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("admin reset-two-step", flag.ContinueOnError)
	email := fs.String("email", "", "email address of the person")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, log, app.Options{NoWorkers: true})
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Accounts.ResetTwoStep(ctx, "command-line", *email); err != nil {
		var fields apperr.Fields
		var one *apperr.Error
		if errors.As(err, &fields) && len(fields) > 0 {
			one = fields[0]
		}
		if one != nil || errors.As(err, &one) {
			return fmt.Errorf("--email: %s", one.Message)
		}
		return err
	}
	fmt.Fprintf(stdout, "Two-step verification removed for %s, who is signed out everywhere. If their role must use it, they set it up again at their next sign-in.\n", strings.ToLower(strings.TrimSpace(*email)))
	return nil
}

const adminUsage = `usage: fairtender admin create-user --email E --name N --role R --password-stdin
       fairtender admin deactivate --email E
       fairtender admin reactivate --email E
       fairtender admin set-role --email E --role R
       fairtender admin end-sessions --email E
       fairtender admin reset-two-step --email E`

// changeAccount runs one of the account changes an admin can also make in the portal. Each is
// audited as done from the command line.
func changeAccount(ctx context.Context, cfg config.Config, log *slog.Logger, command string, args []string, stdout io.Writer) error {
	switch command {
	case "deactivate", "reactivate", "set-role", "end-sessions":
	default:
		return fmt.Errorf("unknown admin command %q\n%s", command, adminUsage)
	}
	fs := flag.NewFlagSet("admin "+command, flag.ContinueOnError)
	email := fs.String("email", "", "the account's email address")
	role := fs.String("role", "", "buyer, evaluator, case_officer or admin (set-role)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" {
		return fmt.Errorf("give --email\n%s", adminUsage)
	}
	a, err := app.New(ctx, cfg, log, app.Options{NoWorkers: true})
	if err != nil {
		return err
	}
	defer a.Close()
	id, err := a.Accounts.UserIDByEmail(ctx, *email)
	if err != nil {
		return err
	}
	actor := accounts.ActorCommandLine
	var msg string
	switch command {
	case "deactivate":
		err, msg = a.Accounts.Deactivate(ctx, actor, id), "Deactivated %s: their sessions have ended and they cannot sign in.\n"
	case "reactivate":
		err, msg = a.Accounts.Reactivate(ctx, actor, id), "Reactivated %s: they can sign in again.\n"
	case "set-role":
		err, msg = a.Accounts.ChangeRole(ctx, actor, id, *role), "%s is now "+*role+".\n"
	case "end-sessions":
		var n int64
		n, err = a.Accounts.EndSessions(ctx, actor, id)
		msg = fmt.Sprintf("Signed %%s out everywhere (%d sessions ended).\n", n)
	}
	var fields apperr.Fields
	var one *apperr.Error
	switch {
	case errors.As(err, &fields):
		for _, f := range fields {
			fmt.Fprintf(os.Stderr, "  --%s: %s\n", f.Field, f.Message)
		}
		return errors.New("nothing was changed")
	case errors.As(err, &one) && one.Field != "":
		return fmt.Errorf("--%s: %s", one.Field, one.Message)
	case err != nil:
		return err
	}
	fmt.Fprintf(stdout, msg, strings.ToLower(strings.TrimSpace(*email)))
	return nil
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
