package config_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/config"
)

// env is a fake environment for Load.
type env map[string]string

func (e env) get(name string) string { return e[name] }

func (e env) with(kv ...string) env {
	out := env{}
	for k, v := range e {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// samples holds a valid value for every setting, each different from its default, so a test can
// tell that the value was read. A new setting without a sample fails TestEveryFileVariant.
var samples = env{
	"FAIRTENDER_LISTEN":            "127.0.0.1:9090",
	"FAIRTENDER_BASE_URL":          "https://tenders.example.gov.uk",
	"FAIRTENDER_DATA_DIR":          "/var/lib/fairtender",
	"FAIRTENDER_DATABASE_URL":      "postgres://ft:db-pass-123@db.internal:5432/fairtender",
	"FAIRTENDER_S3_ENDPOINT":       "minio.internal:9000",
	"FAIRTENDER_S3_BUCKET":         "council-documents",
	"FAIRTENDER_S3_ACCESS_KEY":     "access-key-id",
	"FAIRTENDER_S3_SECRET_KEY":     "s3-secret-value",
	"FAIRTENDER_S3_USE_TLS":        "true",
	"FAIRTENDER_SMTP_URL":          "smtp://mailer:smtp-pass-456@smtp.example.gov.uk:587",
	"FAIRTENDER_MAIL_FROM":         "Tenders <tenders@example.gov.uk>",
	"FAIRTENDER_SECRET_KEY":        "0123456789abcdef0123456789abcdef0123456789abcdef",
	"FAIRTENDER_OUTAGE_MINUTES":    "15",
	"FAIRTENDER_OUTAGE_WINDOW":     "12h0m0s",
	"FAIRTENDER_OUTAGE_EXTENSION":  "48h0m0s",
	"FAIRTENDER_SEALING_KEY":       "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"FAIRTENDER_COUNCIL_NAME":      "Camden Council",
	"FAIRTENDER_COUNCIL_CODE":      "E09000007",
	"FAIRTENDER_FEEDBACK_URL":      "https://example.gov.uk/feedback",
	"FAIRTENDER_AUTO_MIGRATE":      "false",
	"FAIRTENDER_LOG_LEVEL":         "debug",
	"FAIRTENDER_ACCESS_TOKEN_TTL":  "5m",
	"FAIRTENDER_REFRESH_TOKEN_TTL": "48h",
	"FAIRTENDER_CLIENT_IP_HEADER":  "X-Forwarded-For",
	"FAIRTENDER_MAX_UPLOAD_BYTES":  "2048",
	"FAIRTENDER_METRICS_TOKEN":     "metrics-token-0123456789abcdef0123456789",
	"FAIRTENDER_METRICS_LISTEN":    "127.0.0.1:9091",

	"FAIRTENDER_MICRO_STAFF_LIMIT":            "5",
	"FAIRTENDER_MICRO_TURNOVER_PENCE":         "100000000",
	"FAIRTENDER_SMALL_STAFF_LIMIT":            "40",
	"FAIRTENDER_SMALL_TURNOVER_PENCE":         "800000000",
	"FAIRTENDER_SME_STAFF_LIMIT":              "200",
	"FAIRTENDER_SME_TURNOVER_PENCE":           "4000000000",
	"FAIRTENDER_CALLBACK_PHONE_MIN_AGE":       "168h",
	"FAIRTENDER_BANK_COOLING_OFF_WORKDAYS":    "5",
	"FAIRTENDER_BANK_CHECK_WORKDAYS":          "4",
	"FAIRTENDER_INVITATIONS_PER_INVITER":      "7",
	"FAIRTENDER_CLARIFICATION_ANSWER_DAYS":    "5",
	"FAIRTENDER_OPENING_QUORUM":               "3",
	"FAIRTENDER_CLARIFICATION_BLOCKS_CLOSE":   "true",
	"FAIRTENDER_PROCUREMENT_EMAIL":            "buying@council.example",
	"FAIRTENDER_INVITATIONS_PER_ORGANISATION": "9",
	"FAIRTENDER_PENDING_INVITATIONS_MAX":      "11",
	"FAIRTENDER_RESERVED_THRESHOLD_PENCE":     "13891100",
	"FAIRTENDER_MIN_DAYS_OPEN_TENDER":         "30",
	"FAIRTENDER_MIN_DAYS_QUICK_QUOTE":         "14",
	"FAIRTENDER_MIN_DAYS_DPS_CALL":            "12",
	"FAIRTENDER_DYNAMIC_MARKET_DECISION_DAYS": "15",
	"FAIRTENDER_SOCIAL_VALUE_MIN_BP":          "2500",
	"FAIRTENDER_READING_EASE_MIN":             "60",
	"FAIRTENDER_SOCIAL_VALUE_FLOOR_BP":        "1000",
	"FAIRTENDER_DEADLINE_REMINDERS":           "72h,24h",
	"FAIRTENDER_DIGEST_TIME":                  "07:30",
}

func load(t *testing.T, e env) config.Config {
	t.Helper()
	c, err := config.Load(e.get)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func loadErr(t *testing.T, e env) string {
	t.Helper()
	_, err := config.Load(e.get)
	if err == nil {
		t.Fatal("Load succeeded, want an error")
	}
	return err.Error()
}

func effective(c config.Config) map[string]string {
	out := map[string]string{}
	for _, kv := range c.Effective() {
		out[kv[0]] = kv[1]
	}
	return out
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "value")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDefaults(t *testing.T) {
	c := load(t, env{})
	checks := []struct {
		name      string
		got, want any
	}{
		{"listen", c.Listen, ":8080"},
		{"base URL", c.BaseURL, "http://localhost:8080"},
		{"data dir", c.DataDir, "./data"},
		{"database URL", c.DatabaseURL, ""},
		{"S3 endpoint", c.S3Endpoint, ""},
		{"SMTP URL", c.SMTPURL, ""},
		{"secret key", c.SecretKey, ""},
		{"council code", c.CouncilCode, "E09000019"},
		{"auto migrate", c.AutoMigrate, true},
		{"log level", c.LogLevel, "info"},
		{"access token TTL", c.AccessTokenTTL, 15 * time.Minute},
		{"refresh token TTL", c.RefreshTokenTTL, 720 * time.Hour},
		{"max upload", c.MaxUploadBytes, int64(100 << 20)},
		// The council's policy (DESIGN.md): micro under 10 staff and £2m, SME under 250 and £50m.
		{"micro staff limit", c.MicroStaffLimit, 10},
		{"micro turnover", c.MicroTurnoverPence, int64(2_000_000_00)},
		{"SME staff limit", c.SMEStaffLimit, 250},
		{"SME turnover", c.SMETurnoverPence, int64(50_000_000_00)},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: got %v, want %v", ch.name, ch.got, ch.want)
		}
	}
	t.Run("embedded engines by default", func(t *testing.T) {
		if c.IsPostgres() {
			t.Error("IsPostgres() = true with no database URL")
		}
		if got, want := c.SQLitePath(), filepath.Join("data", "fairtender.db"); got != want {
			t.Errorf("SQLitePath() = %q, want %q", got, want)
		}
		if got, want := c.OutboxDir(), filepath.Join("data", "outbox"); got != want {
			t.Errorf("OutboxDir() = %q, want %q", got, want)
		}
		if got, want := c.DocumentsDir(), filepath.Join("data", "documents"); got != want {
			t.Errorf("DocumentsDir() = %q, want %q", got, want)
		}
		if c.Secure() {
			t.Error("Secure() = true for http://localhost")
		}
	})
	t.Run("every setting has help text", func(t *testing.T) {
		for _, s := range config.Settings() {
			if strings.TrimSpace(s.Help) == "" {
				t.Errorf("%s has no help text", s.Name)
			}
			if !strings.HasPrefix(s.Name, "FAIRTENDER_") {
				t.Errorf("%s does not start with FAIRTENDER_", s.Name)
			}
		}
	})
}

func TestEverySettingIsRead(t *testing.T) {
	defaults := effective(load(t, env{}))
	got := effective(load(t, samples))
	for _, s := range config.Settings() {
		if _, ok := samples[s.Name]; !ok {
			t.Errorf("the test has no sample value for %s: add one", s.Name)
			continue
		}
		if got[s.Name] == defaults[s.Name] {
			t.Errorf("%s=%q did not change the effective value %q", s.Name, samples[s.Name], got[s.Name])
		}
	}
}

func TestEveryFileVariant(t *testing.T) {
	want := load(t, samples)
	for _, s := range config.Settings() {
		value, ok := samples[s.Name]
		if !ok {
			t.Errorf("the test has no sample value for %s: add one", s.Name)
			continue
		}
		t.Run(s.Name+"_FILE is read without its trailing newline", func(t *testing.T) {
			e := samples.with(s.Name+"_FILE", writeFile(t, value+"\n"))
			delete(e, s.Name)
			if got := load(t, e); !reflect.DeepEqual(got, want) {
				t.Errorf("from %s_FILE got\n%+v\nwant\n%+v", s.Name, got, want)
			}
		})
	}
	t.Run("a Windows line ending is stripped too", func(t *testing.T) {
		c := load(t, env{"FAIRTENDER_COUNCIL_NAME_FILE": writeFile(t, "Hackney Council\r\n")})
		if c.CouncilName != "Hackney Council" {
			t.Errorf("got %q, want %q", c.CouncilName, "Hackney Council")
		}
	})
	t.Run("a value from a file is validated like any other", func(t *testing.T) {
		msg := loadErr(t, env{"FAIRTENDER_SECRET_KEY_FILE": writeFile(t, "short\n")})
		if !strings.Contains(msg, "FAIRTENDER_SECRET_KEY") {
			t.Errorf("error %q does not name FAIRTENDER_SECRET_KEY", msg)
		}
	})
	t.Run("a missing file is an error naming the variable", func(t *testing.T) {
		msg := loadErr(t, env{"FAIRTENDER_SMTP_URL_FILE": filepath.Join(t.TempDir(), "absent")})
		if !strings.Contains(msg, "FAIRTENDER_SMTP_URL_FILE") {
			t.Errorf("error %q does not name FAIRTENDER_SMTP_URL_FILE", msg)
		}
	})
	t.Run("NAME and NAME_FILE both set is an error", func(t *testing.T) {
		msg := loadErr(t, env{
			"FAIRTENDER_SMTP_URL":      "smtp://127.0.0.1:25",
			"FAIRTENDER_SMTP_URL_FILE": writeFile(t, "smtp://127.0.0.1:2525\n"),
		})
		if !strings.Contains(msg, "FAIRTENDER_SMTP_URL and FAIRTENDER_SMTP_URL_FILE") {
			t.Errorf("error %q does not name both variables", msg)
		}
	})
}

func TestBadSettingsAreRefused(t *testing.T) {
	cases := []struct {
		name  string
		env   env
		wants []string // each must appear in the error
	}{
		{"short secret key", env{"FAIRTENDER_SECRET_KEY": "too-short-secret"}, []string{"FAIRTENDER_SECRET_KEY", "too short"}},
		{"S3 endpoint without keys", env{"FAIRTENDER_S3_ENDPOINT": "minio:9000"}, []string{"FAIRTENDER_S3_ENDPOINT", "FAIRTENDER_S3_ACCESS_KEY", "FAIRTENDER_S3_SECRET_KEY"}},
		{"S3 endpoint with only an access key", env{"FAIRTENDER_S3_ENDPOINT": "minio:9000", "FAIRTENDER_S3_ACCESS_KEY": "k"}, []string{"FAIRTENDER_S3_SECRET_KEY"}},
		{"base URL without a scheme", env{"FAIRTENDER_BASE_URL": "localhost:8080"}, []string{"FAIRTENDER_BASE_URL"}},
		{"base URL with another scheme", env{"FAIRTENDER_BASE_URL": "ftp://example.org"}, []string{"FAIRTENDER_BASE_URL"}},
		{"bad duration", env{"FAIRTENDER_ACCESS_TOKEN_TTL": "15 minutes"}, []string{"FAIRTENDER_ACCESS_TOKEN_TTL", "duration"}},
		{"duration out of range", env{"FAIRTENDER_ACCESS_TOKEN_TTL": "1s"}, []string{"FAIRTENDER_ACCESS_TOKEN_TTL"}},
		{"size thresholds out of order", env{"FAIRTENDER_MICRO_STAFF_LIMIT": "300"}, []string{"FAIRTENDER_MICRO_"}},
		{"social value floor above the minimum", env{"FAIRTENDER_SOCIAL_VALUE_FLOOR_BP": "2500"}, []string{"FAIRTENDER_SOCIAL_VALUE_FLOOR_BP"}},
		{"refresh shorter than access", env{"FAIRTENDER_ACCESS_TOKEN_TTL": "2h", "FAIRTENDER_REFRESH_TOKEN_TTL": "1h"}, []string{"FAIRTENDER_REFRESH_TOKEN_TTL"}},
		{"bad bool", env{"FAIRTENDER_AUTO_MIGRATE": "yes please"}, []string{"FAIRTENDER_AUTO_MIGRATE", "true or false"}},
		{"bad database URL", env{"FAIRTENDER_DATABASE_URL": "mysql://db/ft"}, []string{"FAIRTENDER_DATABASE_URL"}},
		{"bad SMTP URL", env{"FAIRTENDER_SMTP_URL": "mail.example.org:25"}, []string{"FAIRTENDER_SMTP_URL"}},
		{"bad council code", env{"FAIRTENDER_COUNCIL_CODE": "Islington"}, []string{"FAIRTENDER_COUNCIL_CODE"}},
		{"bad log level", env{"FAIRTENDER_LOG_LEVEL": "verbose"}, []string{"FAIRTENDER_LOG_LEVEL"}},
		{"upload limit not a number", env{"FAIRTENDER_MAX_UPLOAD_BYTES": "100MB"}, []string{"FAIRTENDER_MAX_UPLOAD_BYTES"}},
		{"metrics token too short", env{"FAIRTENDER_METRICS_TOKEN": "letmein"}, []string{"FAIRTENDER_METRICS_TOKEN", "too short"}},
		{"metrics address not host:port", env{"FAIRTENDER_METRICS_LISTEN": "9090"}, []string{"FAIRTENDER_METRICS_LISTEN"}},
		{"metrics on the public address", env{"FAIRTENDER_LISTEN": ":9090", "FAIRTENDER_METRICS_LISTEN": ":9090"}, []string{"FAIRTENDER_METRICS_LISTEN"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := loadErr(t, tc.env)
			for _, w := range tc.wants {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
		})
	}
	t.Run("the error does not repeat a rejected secret", func(t *testing.T) {
		msg := loadErr(t, env{"FAIRTENDER_SECRET_KEY": "hunter2-hunter2"})
		if strings.Contains(msg, "hunter2") {
			t.Errorf("error %q repeats the secret", msg)
		}
	})
	t.Run("several problems are reported at once", func(t *testing.T) {
		msg := loadErr(t, env{
			"FAIRTENDER_BASE_URL":         "not a url",
			"FAIRTENDER_ACCESS_TOKEN_TTL": "soon",
			"FAIRTENDER_S3_USE_TLS":       "maybe",
			"FAIRTENDER_SECRET_KEY":       "short",
		})
		for _, name := range []string{"FAIRTENDER_BASE_URL", "FAIRTENDER_ACCESS_TOKEN_TTL", "FAIRTENDER_S3_USE_TLS", "FAIRTENDER_SECRET_KEY"} {
			if !strings.Contains(msg, name) {
				t.Errorf("error %q does not mention %s", msg, name)
			}
		}
	})
}

func TestEffectiveMasksSecrets(t *testing.T) {
	c := load(t, samples)
	got := effective(c)
	for _, s := range config.Settings() {
		if _, ok := got[s.Name]; !ok {
			t.Errorf("Effective() leaves out %s", s.Name)
		}
	}
	secrets := []struct {
		name, secret, keep string
	}{
		{"FAIRTENDER_SMTP_URL", "smtp-pass-456", "smtp.example.gov.uk"},
		{"FAIRTENDER_DATABASE_URL", "db-pass-123", "db.internal"},
		{"FAIRTENDER_SECRET_KEY", samples["FAIRTENDER_SECRET_KEY"], ""},
		{"FAIRTENDER_S3_SECRET_KEY", samples["FAIRTENDER_S3_SECRET_KEY"], ""},
		{"FAIRTENDER_METRICS_TOKEN", samples["FAIRTENDER_METRICS_TOKEN"], ""},
	}
	for _, s := range secrets {
		t.Run(s.name, func(t *testing.T) {
			v := got[s.name]
			if strings.Contains(v, s.secret) {
				t.Errorf("%s shown as %q, which holds the secret", s.name, v)
			}
			if v == "" {
				t.Errorf("%s shown as empty, want a sign that it is set", s.name)
			}
			if s.keep != "" && !strings.Contains(v, s.keep) {
				t.Errorf("%s shown as %q, want the host %q kept", s.name, v, s.keep)
			}
		})
	}
	t.Run("other settings are shown as they are", func(t *testing.T) {
		for _, name := range []string{"FAIRTENDER_LISTEN", "FAIRTENDER_S3_ACCESS_KEY", "FAIRTENDER_COUNCIL_NAME"} {
			if got[name] != samples[name] {
				t.Errorf("%s shown as %q, want %q", name, got[name], samples[name])
			}
		}
	})
	t.Run("a password in the database URL's query is hidden", func(t *testing.T) {
		c := load(t, env{"FAIRTENDER_DATABASE_URL": "postgres://ft@db.internal:5432/fairtender?sslmode=require&password=query-pass-789"})
		v := effective(c)["FAIRTENDER_DATABASE_URL"]
		if strings.Contains(v, "query-pass-789") {
			t.Errorf("shown as %q, which holds the password", v)
		}
		if !strings.Contains(v, "db.internal") {
			t.Errorf("shown as %q, want the host kept", v)
		}
	})
	t.Run("a secret key that looks like a URL is still hidden", func(t *testing.T) {
		key := "https://example.org/0123456789abcdef0123456789abcdef"
		c := load(t, env{"FAIRTENDER_SECRET_KEY": key})
		if v := effective(c)["FAIRTENDER_SECRET_KEY"]; strings.Contains(v, "0123456789abcdef") {
			t.Errorf("shown as %q, which holds the key", v)
		}
	})
	t.Run("unset secrets are shown empty", func(t *testing.T) {
		if v := effective(load(t, env{}))["FAIRTENDER_SMTP_URL"]; v != "" {
			t.Errorf("unset SMTP URL shown as %q, want empty", v)
		}
	})
}

func TestEnsureSecretKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	c := load(t, env{"FAIRTENDER_DATA_DIR": dir})
	if err := c.EnsureSecretKey(); err != nil {
		t.Fatalf("EnsureSecretKey: %v", err)
	}
	if len(c.SecretKey) < config.MinSecretKeyLength {
		t.Fatalf("generated key has %d characters, want at least %d", len(c.SecretKey), config.MinSecretKeyLength)
	}
	path := filepath.Join(dir, "secret.key")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no key file on first run: %v", err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("key file mode = %o, want 600", got)
	}

	t.Run("the next start reuses the key", func(t *testing.T) {
		again := load(t, env{"FAIRTENDER_DATA_DIR": dir})
		if err := again.EnsureSecretKey(); err != nil {
			t.Fatalf("EnsureSecretKey: %v", err)
		}
		if again.SecretKey != c.SecretKey {
			t.Errorf("second start got a different key: sessions would not survive a restart")
		}
	})
	t.Run("a configured key is used and no file is written", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "data")
		c := load(t, env{"FAIRTENDER_DATA_DIR": other, "FAIRTENDER_SECRET_KEY": samples["FAIRTENDER_SECRET_KEY"]})
		if err := c.EnsureSecretKey(); err != nil {
			t.Fatalf("EnsureSecretKey: %v", err)
		}
		if c.SecretKey != samples["FAIRTENDER_SECRET_KEY"] {
			t.Errorf("configured key replaced")
		}
		if _, err := os.Stat(filepath.Join(other, "secret.key")); !os.IsNotExist(err) {
			t.Errorf("key file written although a key was configured (stat: %v)", err)
		}
	})
	t.Run("a short key file is refused", func(t *testing.T) {
		other := t.TempDir()
		if err := os.WriteFile(filepath.Join(other, "secret.key"), []byte("short\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		c := load(t, env{"FAIRTENDER_DATA_DIR": other})
		if err := c.EnsureSecretKey(); err == nil {
			t.Error("EnsureSecretKey accepted a 5-character key")
		}
	})
}

func TestEnsureSealingKeyIsItsOwnKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	c := load(t, env{"FAIRTENDER_DATA_DIR": dir})
	if err := c.EnsureSecretKey(); err != nil {
		t.Fatal(err)
	}
	if err := c.EnsureSealingKey(); err != nil {
		t.Fatalf("EnsureSealingKey: %v", err)
	}
	if len(c.SealingKey) != 64 || c.SealingKey == c.SecretKey {
		t.Fatalf("sealing key %d characters, same as the secret key: %v", len(c.SealingKey), c.SealingKey == c.SecretKey)
	}
	if fi, err := os.Stat(filepath.Join(dir, "sealing.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("sealing.key: %v %v", fi, err)
	}
	again := load(t, env{"FAIRTENDER_DATA_DIR": dir})
	if err := again.EnsureSealingKey(); err != nil || again.SealingKey != c.SealingKey {
		t.Errorf("a restart got another sealing key (%v): sealed bids would no longer open", err)
	}
	if msg := loadErr(t, env{"FAIRTENDER_SEALING_KEY": "not-hex"}); !strings.Contains(msg, "FAIRTENDER_SEALING_KEY") || !strings.Contains(msg, "64 hexadecimal") {
		t.Errorf("error = %q", msg)
	}
}

func TestBaseURLIsWrittenInLowerCase(t *testing.T) {
	c := load(t, env{"FAIRTENDER_BASE_URL": "HTTPS://Portal.Council.Example/"})
	if c.BaseURL != "https://portal.council.example" || !c.Secure() {
		t.Errorf("BaseURL = %q, Secure = %v; want https://portal.council.example, secure", c.BaseURL, c.Secure())
	}
}

func TestWarningsNameAPublicHTTPBaseURL(t *testing.T) {
	for _, base := range []string{"http://portal.council.example", "http://192.0.2.7:8080", "HTTP://Portal.Council.Example"} {
		c := load(t, env{"FAIRTENDER_BASE_URL": base})
		w := c.Warnings()
		if len(w) != 1 || !strings.Contains(w[0], "FAIRTENDER_BASE_URL") || !strings.Contains(w[0], "https://") {
			t.Errorf("%s: warnings = %q, want one asking for https://", base, w)
		}
	}
	for _, base := range []string{"https://portal.council.example", "http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080", "http://fairtender.localhost"} {
		if c := load(t, env{"FAIRTENDER_BASE_URL": base}); len(c.Warnings()) != 0 {
			w := c.Warnings()
			t.Errorf("%s: warnings = %q, want none", base, w)
		}
	}
}
