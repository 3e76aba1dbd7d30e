// Package config holds every setting of Fairtender in one table: its environment variable, default,
// validation and whether it is a secret. Settings come from the environment; each may instead be
// given as NAME_FILE naming a file that holds the value, so secrets can come from mounted files.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is the effective configuration of one Fairtender process.
type Config struct {
	Listen      string
	BaseURL     string
	DataDir     string
	DatabaseURL string
	S3Endpoint  string
	S3Bucket    string
	S3AccessKey string
	S3SecretKey string
	S3UseTLS    bool
	SMTPURL     string
	MailFrom    string
	SecretKey   string
	// SealingKey wraps the data keys of sealed bids: 64 hexadecimal digits, kept apart from
	// SecretKey so that a leaked session key opens no bid.
	SealingKey  string
	CouncilName string
	// ProcurementEmail is where suppliers write to the council's procurement team.
	ProcurementEmail string
	CouncilCode      string
	FeedbackURL      string
	AutoMigrate      bool
	LogLevel         string
	AccessTokenTTL   time.Duration
	RefreshTokenTTL  time.Duration
	ClientIPHeader   string
	MaxUploadBytes   int64
	// MetricsToken is the bearer token /metrics needs on the public listener; MetricsListen is a
	// separate address serving /metrics. With neither, /metrics is not served.
	MetricsToken  string
	MetricsListen string

	// Council policy (DESIGN.md): size thresholds and bank-detail safeguards.
	MicroStaffLimit        int
	MicroTurnoverPence     int64
	SmallStaffLimit        int
	SmallTurnoverPence     int64
	SMEStaffLimit          int
	SMETurnoverPence       int64
	CallbackPhoneMinAge    time.Duration
	BankCoolingOffWorkdays int
	// BankCheckWorkdays is how long suppliers are told the call-back and approval usually take.
	BankCheckWorkdays int

	// Invitation limits (per hour, and open at once), so that a stolen or careless account cannot
	// use the portal to send mail in bulk.
	InvitationsPerInviter      int
	InvitationsPerOrganisation int
	PendingInvitationsMax      int

	// ClarificationAnswerDays is how many days before the submission deadline the council aims to
	// have answered every question (regulation 47 of the 2015 Regulations asks for six).
	ClarificationAnswerDays int
	// OutageMinutes, OutageWindow and OutageExtension: a submission deadline moves by
	// OutageExtension when the portal was down for more than OutageMinutes in the OutageWindow
	// before it.
	OutageMinutes   int
	OutageWindow    time.Duration
	OutageExtension time.Duration
	// ClarificationBlocksClose keeps bids open while a question asked in time is unanswered.
	ClarificationBlocksClose bool

	// OpeningQuorum is how many different officers of an opportunity's opening panel must each
	// confirm before its bids are opened.
	OpeningQuorum int

	// ReadingEaseMin is the Flesch reading-ease score below which feedback written for a bidder
	// (moderated strengths and improvements, assessment summary explanations) is flagged as hard
	// to read before it is sent.
	ReadingEaseMin int

	// Council policy for opportunities: reserved participation, minimum tender periods and the
	// social value weighting of evaluations (in basis points: 100% = 10000).
	ReservedThresholdPence int64
	MinDaysOpenTender      int
	MinDaysQuickQuote      int
	MinDaysDPSCall         int
	// DynamicMarketDecisionDays is the target, in working days, for deciding an application to
	// join a pa2023 dynamic market: the Procurement Act sets no fixed period, so each council chooses.
	DynamicMarketDecisionDays int
	SocialValueMinBP          int
	SocialValueFloorBP        int

	// Notifications: when suppliers who registered interest are reminded of a deadline, and the
	// time of day (Europe/London) the daily digest of alert matches goes out.
	DeadlineReminders []time.Duration
	DigestHour        int
	DigestMinute      int
}

// Setting is one row of the configuration table.
type Setting struct {
	Name    string
	Default string
	Secret  bool
	Help    string
	set     func(c *Config, v string) error
	get     func(c *Config) string
}

// MinSecretKeyLength is the shortest FAIRTENDER_SECRET_KEY accepted: 32 characters carry enough
// entropy for HMAC signing when the key is random hex or base64.
const MinSecretKeyLength = 32

// Settings returns the configuration table in the order the README documents it.
func Settings() []Setting {
	return []Setting{
		{Name: "FAIRTENDER_LISTEN", Default: ":8080", Help: "Address the web server listens on.",
			set: func(c *Config, v string) error { c.Listen = v; return nil },
			get: func(c *Config) string { return c.Listen }},
		{Name: "FAIRTENDER_BASE_URL", Default: "http://localhost:8080", Help: "Public address of the portal, used in links in emails. https:// turns on Secure cookies and HSTS.",
			set: func(c *Config, v string) error {
				u, err := url.Parse(v)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return errors.New("must be an absolute http:// or https:// address")
				}
				// Scheme and host are case-insensitive; written in lower case, "HTTPS://" still
				// turns on Secure cookies and every link in an email starts https://.
				u.Host = strings.ToLower(u.Host)
				c.BaseURL = strings.TrimRight(u.String(), "/")
				return nil
			},
			get: func(c *Config) string { return c.BaseURL }},
		{Name: "FAIRTENDER_DATA_DIR", Default: "./data", Help: "Directory for the SQLite database, documents on local disk, the email outbox and a generated secret key.",
			set: func(c *Config, v string) error { c.DataDir = v; return nil },
			get: func(c *Config) string { return c.DataDir }},
		{Name: "FAIRTENDER_DATABASE_URL", Default: "", Secret: true, Help: "Empty: a SQLite file in the data directory. postgres://user:pass@host:5432/db for PostgreSQL.",
			set: func(c *Config, v string) error {
				if v != "" && !strings.HasPrefix(v, "postgres://") && !strings.HasPrefix(v, "postgresql://") && !strings.HasPrefix(v, "sqlite:") {
					return errors.New("must start with postgres://, postgresql:// or sqlite:")
				}
				c.DatabaseURL = v
				return nil
			},
			get: func(c *Config) string { return c.DatabaseURL }},
		{Name: "FAIRTENDER_S3_ENDPOINT", Default: "", Help: "host:port of an S3-compatible store such as MinIO. Empty: documents on local disk.",
			set: func(c *Config, v string) error { c.S3Endpoint = v; return nil },
			get: func(c *Config) string { return c.S3Endpoint }},
		{Name: "FAIRTENDER_S3_BUCKET", Default: "fairtender", Help: "Bucket for documents; created when missing.",
			set: func(c *Config, v string) error { c.S3Bucket = v; return nil },
			get: func(c *Config) string { return c.S3Bucket }},
		{Name: "FAIRTENDER_S3_ACCESS_KEY", Default: "", Help: "S3 access key.",
			set: func(c *Config, v string) error { c.S3AccessKey = v; return nil },
			get: func(c *Config) string { return c.S3AccessKey }},
		{Name: "FAIRTENDER_S3_SECRET_KEY", Default: "", Secret: true, Help: "S3 secret key.",
			set: func(c *Config, v string) error { c.S3SecretKey = v; return nil },
			get: func(c *Config) string { return c.S3SecretKey }},
		{Name: "FAIRTENDER_S3_USE_TLS", Default: "false", Help: "Use https to reach the S3 store.",
			set: func(c *Config, v string) (err error) { c.S3UseTLS, err = parseBool(v); return err },
			get: func(c *Config) string { return strconv.FormatBool(c.S3UseTLS) }},
		{Name: "FAIRTENDER_SMTP_URL", Default: "", Secret: true, Help: "smtp://user:pass@host:port (smtps:// for implicit TLS). Empty: emails are written to <data dir>/outbox/ as .eml files.",
			set: func(c *Config, v string) error {
				if v != "" {
					u, err := url.Parse(v)
					if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Host == "" {
						return errors.New("must look like smtp://user:pass@host:port")
					}
				}
				c.SMTPURL = v
				return nil
			},
			get: func(c *Config) string { return c.SMTPURL }},
		{Name: "FAIRTENDER_MAIL_FROM", Default: "Find and win council work <noreply@fairtender.localhost>", Help: "Sender of every email.",
			set: func(c *Config, v string) error { c.MailFrom = v; return nil },
			get: func(c *Config) string { return c.MailFrom }},
		{Name: "FAIRTENDER_SECRET_KEY", Default: "", Secret: true, Help: "Key for signing sessions and encrypting bank details, at least 32 characters. Empty: generated into <data dir>/secret.key on first run.",
			set: func(c *Config, v string) error {
				if v != "" && len(v) < MinSecretKeyLength {
					return fmt.Errorf("is too short: use at least %d random characters (for example: openssl rand -hex 32)", MinSecretKeyLength)
				}
				c.SecretKey = v
				return nil
			},
			get: func(c *Config) string { return c.SecretKey }},
		{Name: "FAIRTENDER_SEALING_KEY", Default: "", Secret: true, Help: "Key that wraps each sealed bid's own key: 64 hexadecimal digits (openssl rand -hex 32), separate from the secret key. Empty: generated into <data dir>/sealing.key on first run. Every replica needs the same one, and bids cannot be opened without it.",
			set: func(c *Config, v string) error {
				if v != "" && !sealingKeyRE.MatchString(v) {
					return errors.New("must be 64 hexadecimal digits (for example: openssl rand -hex 32)")
				}
				c.SealingKey = strings.ToLower(v)
				return nil
			},
			get: func(c *Config) string { return c.SealingKey }},
		{Name: "FAIRTENDER_COUNCIL_NAME", Default: "Islington Council", Help: "The council's name, shown in the header and in emails.",
			set: func(c *Config, v string) error {
				if strings.TrimSpace(v) == "" {
					return errors.New("must not be empty")
				}
				c.CouncilName = v
				return nil
			},
			get: func(c *Config) string { return c.CouncilName }},
		{Name: "FAIRTENDER_PROCUREMENT_EMAIL", Default: "procurement@example.gov.uk", Help: "Where suppliers can write to the council's procurement team, for example once questions on an opportunity have closed.",
			set: func(c *Config, v string) error {
				if v = strings.TrimSpace(v); !strings.Contains(v, "@") || strings.ContainsAny(v, " <>") {
					return errors.New("must be an email address")
				}
				c.ProcurementEmail = v
				return nil
			},
			get: func(c *Config) string { return c.ProcurementEmail }},
		{Name: "FAIRTENDER_COUNCIL_CODE", Default: "E09000019", Help: "ONS code of the council's local authority; decides which suppliers are local.",
			set: func(c *Config, v string) error {
				if !onsCode(v) {
					return errors.New("must be an ONS local authority code such as E09000019")
				}
				c.CouncilCode = v
				return nil
			},
			get: func(c *Config) string { return c.CouncilCode }},
		{Name: "FAIRTENDER_FEEDBACK_URL", Default: "mailto:procurement@example.gov.uk", Help: "Where the beta banner's feedback link goes.",
			set: func(c *Config, v string) error { c.FeedbackURL = v; return nil },
			get: func(c *Config) string { return c.FeedbackURL }},
		{Name: "FAIRTENDER_AUTO_MIGRATE", Default: "true", Help: "Apply database migrations when serve starts.",
			set: func(c *Config, v string) (err error) { c.AutoMigrate, err = parseBool(v); return err },
			get: func(c *Config) string { return strconv.FormatBool(c.AutoMigrate) }},
		{Name: "FAIRTENDER_LOG_LEVEL", Default: "info", Help: "debug, info, warn or error.",
			set: func(c *Config, v string) error {
				switch v {
				case "debug", "info", "warn", "error":
					c.LogLevel = v
					return nil
				}
				return errors.New("must be debug, info, warn or error")
			},
			get: func(c *Config) string { return c.LogLevel }},
		{Name: "FAIRTENDER_ACCESS_TOKEN_TTL", Default: "15m", Help: "Lifetime of a sign-in access token.",
			set: func(c *Config, v string) (err error) {
				c.AccessTokenTTL, err = parseDuration(v, time.Minute, 24*time.Hour)
				return err
			},
			get: func(c *Config) string { return c.AccessTokenTTL.String() }},
		{Name: "FAIRTENDER_REFRESH_TOKEN_TTL", Default: "720h", Help: "How long a person stays signed in without using the portal.",
			set: func(c *Config, v string) (err error) {
				c.RefreshTokenTTL, err = parseDuration(v, time.Hour, 90*24*time.Hour)
				return err
			},
			get: func(c *Config) string { return c.RefreshTokenTTL.String() }},
		{Name: "FAIRTENDER_CLIENT_IP_HEADER", Default: "", Help: "Header holding the client's address when behind a load balancer (for example X-Forwarded-For). Empty: the connection's address.",
			set: func(c *Config, v string) error { c.ClientIPHeader = v; return nil },
			get: func(c *Config) string { return c.ClientIPHeader }},
		{Name: "FAIRTENDER_MAX_UPLOAD_BYTES", Default: "104857600", Help: "Largest document a person may upload, in bytes.",
			set: func(c *Config, v string) error {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil || n < 1024 {
					return errors.New("must be a whole number of bytes, at least 1024")
				}
				c.MaxUploadBytes = n
				return nil
			},
			get: func(c *Config) string { return strconv.FormatInt(c.MaxUploadBytes, 10) }},
		{Name: "FAIRTENDER_METRICS_TOKEN", Default: "", Secret: true, Help: "Bearer token that `GET /metrics` (Prometheus) requires on the public address, at least 32 characters. Empty: /metrics is not served there.",
			set: func(c *Config, v string) error {
				if v != "" && len(v) < MinSecretKeyLength {
					return fmt.Errorf("is too short: use at least %d random characters (for example: openssl rand -hex 32)", MinSecretKeyLength)
				}
				c.MetricsToken = v
				return nil
			},
			get: func(c *Config) string { return c.MetricsToken }},
		{Name: "FAIRTENDER_METRICS_LISTEN", Default: "", Help: "A second address, such as 127.0.0.1:9090 or a private network's, that serves `GET /metrics` with no token, for a scraper that cannot reach the public one. Empty: none.",
			set: func(c *Config, v string) error {
				if v != "" {
					if _, _, err := net.SplitHostPort(v); err != nil {
						return errors.New("must be host:port or :port")
					}
				}
				c.MetricsListen = v
				return nil
			},
			get: func(c *Config) string { return c.MetricsListen }},
		intSetting("FAIRTENDER_MICRO_STAFF_LIMIT", "10", "A micro business has fewer staff than this…", 1, func(c *Config) *int { return &c.MicroStaffLimit }),
		penceSetting("FAIRTENDER_MICRO_TURNOVER_PENCE", "200000000", "…and a turnover under this many pence (£2m).", func(c *Config) *int64 { return &c.MicroTurnoverPence }),
		intSetting("FAIRTENDER_SMALL_STAFF_LIMIT", "50", "A small business has fewer staff than this…", 1, func(c *Config) *int { return &c.SmallStaffLimit }),
		penceSetting("FAIRTENDER_SMALL_TURNOVER_PENCE", "1000000000", "…and a turnover under this many pence (£10m).", func(c *Config) *int64 { return &c.SmallTurnoverPence }),
		intSetting("FAIRTENDER_SME_STAFF_LIMIT", "250", "An SME (medium-sized or smaller) has fewer staff than this…", 1, func(c *Config) *int { return &c.SMEStaffLimit }),
		penceSetting("FAIRTENDER_SME_TURNOVER_PENCE", "5000000000", "…and a turnover under this many pence (£50m).", func(c *Config) *int64 { return &c.SMETurnoverPence }),
		{Name: "FAIRTENDER_CALLBACK_PHONE_MIN_AGE", Default: "720h", Help: "A bank-detail change is confirmed by calling a phone number that has been on the supplier's record at least this long.",
			set: func(c *Config, v string) (err error) {
				c.CallbackPhoneMinAge, err = parseDuration(v, 0, 365*24*time.Hour)
				return err
			},
			get: func(c *Config) string { return c.CallbackPhoneMinAge.String() }},
		intSetting("FAIRTENDER_BANK_CHECK_WORKDAYS", "5", "Working days the council usually takes to check a bank-detail change (the call-back and a second officer's approval), as suppliers are told before and after they send one; the cooling-off period comes after.", 1, func(c *Config) *int { return &c.BankCheckWorkdays }),
		intSetting("FAIRTENDER_BANK_COOLING_OFF_WORKDAYS", "3", "Working days a verified bank-detail change waits before it takes effect.", 0, func(c *Config) *int { return &c.BankCoolingOffWorkdays }),
		intSetting("FAIRTENDER_INVITATIONS_PER_INVITER", "20", "Invitations one person may send in an hour (to join an organisation, or council staff invited by an admin).", 1, func(c *Config) *int { return &c.InvitationsPerInviter }),
		intSetting("FAIRTENDER_INVITATIONS_PER_ORGANISATION", "50", "Invitations a supplier organisation (or the council, for staff) may send in an hour, whoever sends them.", 1, func(c *Config) *int { return &c.InvitationsPerOrganisation }),
		intSetting("FAIRTENDER_PENDING_INVITATIONS_MAX", "50", "Invitations an organisation (or the council, for staff) may have waiting to be accepted at once.", 1, func(c *Config) *int { return &c.PendingInvitationsMax }),
		penceSetting("FAIRTENDER_RESERVED_THRESHOLD_PENCE", "21490400", "An opportunity may be reserved for local, UK or SME/VCSE suppliers, or bought by quick quote, only when its estimated value plus 20% VAT is below this many pence (£214,904: the UK threshold for goods and services, which includes VAT; estimated values are entered without it).", func(c *Config) *int64 { return &c.ReservedThresholdPence }),
		intSetting("FAIRTENDER_MIN_DAYS_OPEN_TENDER", "25", "Fewest days from publishing an open tender to its submission deadline; shorter only with a reason shown publicly.", 1, func(c *Config) *int { return &c.MinDaysOpenTender }),
		intSetting("FAIRTENDER_MIN_DAYS_QUICK_QUOTE", "10", "Fewest days from publishing a quick quote to its submission deadline; shorter only with a reason shown publicly.", 1, func(c *Config) *int { return &c.MinDaysQuickQuote }),
		intSetting("FAIRTENDER_MIN_DAYS_DPS_CALL", "10", "Fewest days from publishing a call for competition under a DPS to its submission deadline; shorter only with a reason shown publicly.", 1, func(c *Config) *int { return &c.MinDaysDPSCall }),
		intSetting("FAIRTENDER_CLARIFICATION_ANSWER_DAYS", "6", "Days before the submission deadline by which the council aims to answer every clarification question (regulation 47 of the Public Contracts Regulations 2015 and Scottish guidance ask for six); the buyers' queue counts down to it.", 0, func(c *Config) *int { return &c.ClarificationAnswerDays }),
		intSetting("FAIRTENDER_OUTAGE_MINUTES", "10", "Minutes the portal may be down or failing (no replica ready, or a fifth of bid requests failing) in the window before a submission deadline before that deadline moves automatically. 0 turns the automatic move off.", 0, func(c *Config) *int { return &c.OutageMinutes }),
		{Name: "FAIRTENDER_OUTAGE_WINDOW", Default: "24h", Help: "How long before a submission deadline outages count towards FAIRTENDER_OUTAGE_MINUTES.",
			set: func(c *Config, v string) (err error) {
				c.OutageWindow, err = parseDuration(v, time.Hour, 14*24*time.Hour)
				return err
			},
			get: func(c *Config) string { return c.OutageWindow.String() }},
		{Name: "FAIRTENDER_OUTAGE_EXTENSION", Default: "24h", Help: "How far a submission deadline moves after an outage (never onto a weekend or bank holiday: it moves on to the next working day at the same time).",
			set: func(c *Config, v string) (err error) {
				c.OutageExtension, err = parseDuration(v, time.Hour, 14*24*time.Hour)
				return err
			},
			get: func(c *Config) string { return c.OutageExtension.String() }},
		{Name: "FAIRTENDER_CLARIFICATION_BLOCKS_CLOSE", Default: "false", Help: "true: bids do not close while a clarification question asked in time is unanswered; an hour before the deadline the portal moves it a day later, as a public amendment, until every such question is answered. false: the buyer is told of late answers and offered an extension.",
			set: func(c *Config, v string) (err error) {
				c.ClarificationBlocksClose, err = strconv.ParseBool(v)
				return err
			},
			get: func(c *Config) string { return strconv.FormatBool(c.ClarificationBlocksClose) }},
		intSetting("FAIRTENDER_OPENING_QUORUM", "2", "How many different officers of an opportunity's opening panel must each confirm, with their password and a two-step code, before its sealed bids are opened; every panel has at least this many members.", 2, func(c *Config) *int { return &c.OpeningQuorum }),
		intSetting("FAIRTENDER_DYNAMIC_MARKET_DECISION_DAYS", "10", "Working days (weekends and England and Wales bank holidays excluded) within which buyers aim to decide an application to join a dynamic market under the Procurement Act 2023. A DPS under the 2015 Regulations always has 10, extendable once to 15.", 1, func(c *Config) *int { return &c.DynamicMarketDecisionDays }),
		intSetting("FAIRTENDER_SOCIAL_VALUE_MIN_BP", "2000", "Social value must weigh at least this much of every evaluation, in basis points (2000 = 20%), unless the buyer writes a justification.", 0, func(c *Config) *int { return &c.SocialValueMinBP }),
		intSetting("FAIRTENDER_READING_EASE_MIN", "50", "Feedback for bidders (what a bid did well, what would have scored higher, assessment summary explanations) with a Flesch reading-ease score below this is flagged to the buyer as hard to read before it is sent (0 to 100: 60 to 70 is plain English; 0 turns the warning off).", 0, func(c *Config) *int { return &c.ReadingEaseMin }),
		{Name: "FAIRTENDER_DEADLINE_REMINDERS", Default: "168h,48h", Help: "How long before a submission deadline suppliers who registered interest are reminded, comma-separated (168h = 7 days).",
			set: func(c *Config, v string) error {
				c.DeadlineReminders = nil
				for _, part := range strings.Split(v, ",") {
					d, err := parseDuration(strings.TrimSpace(part), time.Hour, 90*24*time.Hour)
					if err != nil {
						return err
					}
					c.DeadlineReminders = append(c.DeadlineReminders, d)
				}
				return nil
			},
			get: func(c *Config) string {
				parts := make([]string, len(c.DeadlineReminders))
				for i, d := range c.DeadlineReminders {
					parts[i] = d.String()
				}
				return strings.Join(parts, ",")
			}},
		{Name: "FAIRTENDER_DIGEST_TIME", Default: "08:00", Help: "When the daily digest of alert matches is sent, as HH:MM in Europe/London.",
			set: func(c *Config, v string) error {
				t, err := time.Parse("15:04", v)
				if err != nil {
					return errors.New("must be a time of day such as 08:00")
				}
				c.DigestHour, c.DigestMinute = t.Hour(), t.Minute()
				return nil
			},
			get: func(c *Config) string { return fmt.Sprintf("%02d:%02d", c.DigestHour, c.DigestMinute) }},
		intSetting("FAIRTENDER_SOCIAL_VALUE_FLOOR_BP", "500", "Social value may never weigh less than this, in basis points (500 = 5%), even with a justification.", 0, func(c *Config) *int { return &c.SocialValueFloorBP }),
	}
}

func intSetting(name, def, help string, min int, field func(*Config) *int) Setting {
	return Setting{Name: name, Default: def, Help: help,
		set: func(c *Config, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < min {
				return fmt.Errorf("must be a whole number, at least %d", min)
			}
			*field(c) = n
			return nil
		},
		get: func(c *Config) string { return strconv.Itoa(*field(c)) }}
}

func penceSetting(name, def, help string, field func(*Config) *int64) Setting {
	return Setting{Name: name, Default: def, Help: help,
		set: func(c *Config, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1 {
				return errors.New("must be a whole number of pence, more than 0")
			}
			*field(c) = n
			return nil
		},
		get: func(c *Config) string { return strconv.FormatInt(*field(c), 10) }}
}

// Load reads the configuration from getenv (os.Getenv in production). A NAME_FILE variable names a
// file whose contents (without a trailing newline) are the value. Every problem is reported at once.
func Load(getenv func(string) string) (Config, error) {
	var c Config
	var errs []error
	for _, s := range Settings() {
		v, err := lookup(getenv, s.Name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if v == "" {
			v = s.Default
		}
		if err := s.set(&c, v); err != nil {
			errs = append(errs, fmt.Errorf("%s %w", s.Name, err))
		}
	}
	if len(errs) == 0 {
		errs = append(errs, c.check()...)
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return c, nil
}

func lookup(getenv func(string) string, name string) (string, error) {
	v, file := getenv(name), getenv(name+"_FILE")
	if v != "" && file != "" {
		return "", fmt.Errorf("%s and %s_FILE are both set: use one", name, name)
	}
	if file == "" {
		return v, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("%s_FILE: %w", name, err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// check applies the rules that involve more than one setting.
func (c *Config) check() []error {
	var errs []error
	if c.S3Endpoint != "" {
		if c.S3AccessKey == "" || c.S3SecretKey == "" {
			errs = append(errs, errors.New("FAIRTENDER_S3_ENDPOINT is set, so FAIRTENDER_S3_ACCESS_KEY and FAIRTENDER_S3_SECRET_KEY are needed too"))
		}
		if c.S3Bucket == "" {
			errs = append(errs, errors.New("FAIRTENDER_S3_BUCKET must not be empty when FAIRTENDER_S3_ENDPOINT is set"))
		}
	}
	if !(c.MicroStaffLimit <= c.SmallStaffLimit && c.SmallStaffLimit <= c.SMEStaffLimit) ||
		!(c.MicroTurnoverPence <= c.SmallTurnoverPence && c.SmallTurnoverPence <= c.SMETurnoverPence) {
		errs = append(errs, errors.New("size thresholds must grow from micro to small to SME (FAIRTENDER_MICRO_*, FAIRTENDER_SMALL_*, FAIRTENDER_SME_*)"))
	}
	if c.SocialValueFloorBP > c.SocialValueMinBP || c.SocialValueMinBP > 10000 {
		errs = append(errs, errors.New("FAIRTENDER_SOCIAL_VALUE_FLOOR_BP must not exceed FAIRTENDER_SOCIAL_VALUE_MIN_BP, which must not exceed 10000 (100%)"))
	}
	if c.MetricsListen != "" && c.MetricsListen == c.Listen {
		errs = append(errs, errors.New("FAIRTENDER_METRICS_LISTEN must differ from FAIRTENDER_LISTEN: the public address serves /metrics only with FAIRTENDER_METRICS_TOKEN"))
	}
	if c.RefreshTokenTTL <= c.AccessTokenTTL {
		errs = append(errs, errors.New("FAIRTENDER_REFRESH_TOKEN_TTL must be longer than FAIRTENDER_ACCESS_TOKEN_TTL"))
	}
	return errs
}

// Secure reports whether the portal is served over https, which decides Secure cookies and HSTS.
func (c *Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Warnings lists settings that work but are probably a mistake, for `fairtender config` and the
// log at start-up: today, a public base URL on http://, which sends unsubscribe links, password
// reset links and session cookies unencrypted (and mail programs refuse one-click unsubscribe
// over http). Loopback and .localhost addresses are for development and are not warned about.
func (c *Config) Warnings() []string {
	var out []string
	if u, err := url.Parse(c.BaseURL); err == nil && u.Scheme == "http" && !isLoopback(u.Hostname()) {
		out = append(out, "FAIRTENDER_BASE_URL is "+c.BaseURL+": a portal others can reach must use https://, "+
			"or links in emails (unsubscribe, password reset) and session cookies travel unencrypted")
	}
	return out
}

// isLoopback reports whether host names this machine: localhost, *.localhost (RFC 6761), or a
// loopback IP address.
func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsPostgres reports whether the database is PostgreSQL rather than the embedded SQLite.
func (c *Config) IsPostgres() bool {
	return strings.HasPrefix(c.DatabaseURL, "postgres://") || strings.HasPrefix(c.DatabaseURL, "postgresql://")
}

// SQLitePath is the SQLite database file: from a sqlite: URL, or fairtender.db in the data directory.
func (c *Config) SQLitePath() string {
	if p, ok := strings.CutPrefix(c.DatabaseURL, "sqlite:"); ok {
		return p
	}
	return filepath.Join(c.DataDir, "fairtender.db")
}

// OutboxDir is where emails are written when no SMTP server is configured.
func (c *Config) OutboxDir() string { return filepath.Join(c.DataDir, "outbox") }

// DocumentsDir is where documents are kept when no S3 store is configured.
func (c *Config) DocumentsDir() string { return filepath.Join(c.DataDir, "documents") }

// EnsureSecretKey fills SecretKey from <data dir>/secret.key, generating that file on first run, so
// that a fresh `make run` needs no set-up and sessions survive restarts.
func (c *Config) EnsureSecretKey() error {
	if c.SecretKey != "" {
		return nil
	}
	key, err := c.keyFile("secret.key", "secret key", func(k string) bool { return len(k) >= MinSecretKeyLength })
	c.SecretKey = key
	return err
}

// EnsureSealingKey fills SealingKey from <data dir>/sealing.key, generating that file on first
// run, as EnsureSecretKey does for the secret key.
func (c *Config) EnsureSealingKey() error {
	if c.SealingKey != "" {
		return nil
	}
	key, err := c.keyFile("sealing.key", "sealing key", sealingKeyRE.MatchString)
	c.SealingKey = key
	return err
}

var sealingKeyRE = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

// keyFile reads a generated key from name in the data directory, writing 32 random bytes in hex
// there first when there is none.
func (c *Config) keyFile(name, what string, valid func(string) bool) (string, error) {
	path := filepath.Join(c.DataDir, name)
	if b, err := os.ReadFile(path); err == nil {
		key := strings.TrimSpace(string(b))
		if !valid(key) {
			return "", fmt.Errorf("config: %s is not a valid %s; delete it to generate a new one", path, what)
		}
		return key, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("config: unable to read %s: %w", what, err)
	}
	if err := os.MkdirAll(c.DataDir, 0o750); err != nil {
		return "", fmt.Errorf("config: unable to create data directory: %w", err)
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("config: unable to generate %s: %w", what, err)
	}
	key := hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(key+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("config: unable to write %s: %w", what, err)
	}
	return key, nil
}

// Effective lists every setting with its current value, secrets masked, for `fairtender config`.
func (c *Config) Effective() [][2]string {
	var out [][2]string
	for _, s := range Settings() {
		v := s.get(c)
		if s.Secret && v != "" {
			v = mask(s.Name, v)
		}
		out = append(out, [2]string{s.Name, v})
	}
	return out
}

// mask hides a secret but keeps the non-secret parts of URL settings so an operator can still see
// which host is in use. Only *_URL settings are treated as URLs: any other secret (a random key)
// may contain "://" by chance. A password can also sit in the query (pgx reads
// ?password=…), so query parameters naming a password are hidden too.
func mask(name, v string) string {
	if strings.HasSuffix(name, "_URL") && strings.Contains(v, "://") {
		if u, err := url.Parse(v); err == nil && u.Host != "" {
			if u.RawQuery != "" {
				q := u.Query()
				for k := range q {
					if strings.Contains(strings.ToLower(k), "pass") {
						q[k] = []string{"xxxxx"}
					}
				}
				u.RawQuery = q.Encode()
			}
			return u.Redacted()
		}
	}
	return "******** (set)"
}

func parseBool(v string) (bool, error) {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, errors.New("must be true or false")
	}
	return b, nil
}

func parseDuration(v string, min, max time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, errors.New("must be a duration such as 15m or 720h")
	}
	if d < min || d > max {
		return 0, fmt.Errorf("must be between %s and %s", min, max)
	}
	return d, nil
}

func onsCode(v string) bool {
	if len(v) != 9 || !strings.ContainsRune("ENSW", rune(v[0])) {
		return false
	}
	for _, r := range v[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
