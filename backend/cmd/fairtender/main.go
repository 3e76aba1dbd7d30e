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
	"github.com/fairtender/fairtender/backend/platform/config"
)

const usage = `Usage: fairtender <command> [options]

Commands:
  serve                      run the portal (web and background jobs); migrates first unless FAIRTENDER_AUTO_MIGRATE=false
  migrate                    apply database migrations
  demo                       load demo data (a council, staff and a supplier) and print their sign-ins
  admin create-user --email E --name N --role R --password-stdin
                             create a council staff account (buyer, evaluator, case_officer, admin)
  admin reset-two-step --email E
                             remove a person's two-step verification (a lost phone) and sign them out
  audit verify               check the audit log's hash chain
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
		a, err := app.New(ctx, cfg, log, app.Options{NoWorkers: true})
		if err != nil {
			return err
		}
		defer a.Close()
		return loadDemo(ctx, a, stdout)
	case "admin":
		if len(args) >= 2 && args[1] == "reset-two-step" {
			return resetTwoStep(ctx, cfg, log, args[2:], stdout)
		}
		if len(args) < 2 || args[1] != "create-user" {
			return errors.New("usage: fairtender admin create-user --email E --name N --role R --password-stdin\n       fairtender admin reset-two-step --email E")
		}
		return createUser(ctx, cfg, log, args[2:], stdin, stdout)
	case "audit":
		if len(args) < 2 || args[1] != "verify" {
			return errors.New("usage: fairtender audit verify")
		}
		db, err := app.OpenDatabase(ctx, cfg)
		if err != nil {
			return err
		}
		defer db.Close()
		n, err := audit.New(db, time.Now).Verify(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Audit log intact: %d entries checked.\n", n)
		return nil
	}
	return fmt.Errorf("unknown command %q\n\n%s", args[0], usage)
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	start := time.Now()
	a, err := app.New(ctx, cfg, log, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("unable to listen on %s: %w", cfg.Listen, err)
	}
	log.Info("Fairtender is running", "address", cfg.BaseURL, "listen", ln.Addr().String(), "database", string(a.DB.Dialect),
		"startup_ms", time.Since(start).Milliseconds())
	return a.Run(ctx, ln)
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

func newLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
