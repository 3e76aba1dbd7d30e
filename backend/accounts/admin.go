package accounts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// ActorCommandLine is the actor recorded for account changes made with `fairtender admin`, where
// nobody is signed in; the audit entry says so in its details.
const ActorCommandLine = "system"

// AccountStatus says whether an account may be used.
type AccountStatus string

// The account statuses.
const (
	StatusActive      AccountStatus = "active"
	StatusDeactivated AccountStatus = "deactivated"
)

func statusOf(u User) AccountStatus {
	if u.DeactivatedAt != nil {
		return StatusDeactivated
	}
	return StatusActive
}

var (
	errNoAccount = apperr.New(apperr.NotFound, "There is no account with this ID")
	// errDeletedAccount: its owner deleted it, so there is nobody to switch back on.
	errDeletedAccount = apperr.New(apperr.Conflict, "This account was deleted by the person it belonged to, so it cannot be switched back on.")
	errLastAdmin      = apperr.New(apperr.Conflict, "There must always be an active admin. Make someone else an admin first.")
)

// AccountFilter narrows the admins' list of accounts. Empty fields do not filter.
type AccountFilter struct {
	Q      string `query:"q" maxLength:"200" doc:"Part of the person's name or email address."`
	Role   string `query:"role" enum:"supplier,buyer,evaluator,case_officer,admin," doc:"Only accounts with this role."`
	Status string `query:"status" enum:"active,deactivated," doc:"active: can sign in; deactivated: switched off by an admin."`
}

// AccountSummary is one row of the admins' list.
type AccountSummary struct {
	ID             string        `json:"id"`
	Name           string        `json:"name"`
	Email          string        `json:"email"`
	Role           string        `json:"role" enum:"supplier,buyer,evaluator,case_officer,admin"`
	Status         AccountStatus `json:"status" enum:"active,deactivated"`
	LastSignedInAt *time.Time    `json:"lastSignedInAt,omitempty" doc:"When the person last signed in; absent if never (or not since sign-ins were recorded)."`
}

// AccountList is one page of accounts.
type AccountList struct {
	Items    []AccountSummary `json:"items" nullable:"false"`
	Total    int64            `json:"total"`
	Page     int              `json:"page"`
	PageSize int              `json:"pageSize"`
}

// ListAccounts returns one page of accounts matching f, ordered by name. A page past the last is
// empty.
// Errors: none beyond internal.
func (s *Service) ListAccounts(ctx context.Context, f AccountFilter, page, pageSize int) (AccountList, error) {
	db := s.db.Gorm.WithContext(ctx)
	q := db.Model(&User{})
	if v := strings.TrimSpace(f.Q); v != "" {
		like := "%" + strings.NewReplacer("%", "", "_", "").Replace(v) + "%"
		q = q.Where("("+s.db.ILike("name")+" OR "+s.db.ILike("email")+")", like, like)
	}
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	switch AccountStatus(f.Status) {
	case StatusActive:
		q = q.Where("deactivated_at IS NULL")
	case StatusDeactivated:
		q = q.Where("deactivated_at IS NOT NULL")
	}
	out := AccountList{Items: []AccountSummary{}, Page: page, PageSize: pageSize}
	if err := q.Session(&gorm.Session{}).Count(&out.Total).Error; err != nil {
		return out, fmt.Errorf("accounts: unable to count accounts: %w", err)
	}
	var users []User
	if err := q.Session(&gorm.Session{}).Order("name, email").Limit(pageSize).Offset((page - 1) * pageSize).Find(&users).Error; err != nil {
		return out, fmt.Errorf("accounts: unable to list accounts: %w", err)
	}
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	last, err := s.lastSignIns(db, ids)
	if err != nil {
		return out, err
	}
	for _, u := range users {
		a := AccountSummary{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role, Status: statusOf(u)}
		if t, ok := last[u.ID]; ok {
			a.LastSignedInAt = &t
		}
		out.Items = append(out.Items, a)
	}
	return out, nil
}

// lastSignIns returns when each person last signed in: every sign-in starts a session, and
// sessions are kept (revoked, not deleted) when they end.
func (s *Service) lastSignIns(db *gorm.DB, userIDs []string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		UserID    string
		CreatedAt time.Time
	}
	// The column itself rather than MAX(), so that SQLite hands back a time rather than text.
	if err := db.Model(&session{}).Select("user_id, created_at").
		Where("user_id IN ? AND created_at = (SELECT MAX(s2.created_at) FROM sessions s2 WHERE s2.user_id = sessions.user_id)", userIDs).
		Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to read sign-ins: %w", err)
	}
	for _, r := range rows {
		out[r.UserID] = r.CreatedAt
	}
	return out, nil
}

// Account is one person's account as an admin sees it.
type Account struct {
	AccountSummary
	EmailVerified  bool              `json:"emailVerified"`
	CreatedAt      time.Time         `json:"createdAt"`
	DeactivatedAt  *time.Time        `json:"deactivatedAt,omitempty"`
	ActiveSessions int64             `json:"activeSessions" doc:"Browsers or clients signed in now."`
	Organisations  []OrganisationRef `json:"organisations" nullable:"false"`
}

// GetAccount returns one person's account with their organisations and sessions.
// Errors: not_found.
func (s *Service) GetAccount(ctx context.Context, userID string) (Account, error) {
	db := s.db.Gorm.WithContext(ctx)
	u, err := takeUser(db, userID)
	if err != nil {
		return Account{}, err
	}
	a := Account{AccountSummary: AccountSummary{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role, Status: statusOf(u)},
		EmailVerified: u.EmailVerifiedAt != nil, CreatedAt: u.CreatedAt, DeactivatedAt: u.DeactivatedAt, Organisations: []OrganisationRef{}}
	last, err := s.lastSignIns(db, []string{u.ID})
	if err != nil {
		return a, err
	}
	if t, ok := last[u.ID]; ok {
		a.LastSignedInAt = &t
	}
	if err := db.Model(&session{}).Where("user_id = ? AND revoked_at IS NULL AND expires_at > ?", u.ID, s.now().UTC()).Count(&a.ActiveSessions).Error; err != nil {
		return a, fmt.Errorf("accounts: unable to count sessions: %w", err)
	}
	if a.Organisations, err = organisationsOf(db, u.ID); err != nil {
		return a, err
	}
	return a, nil
}

// UserIDByEmail finds an account by its email address, for `fairtender admin`.
// Errors: not_found.
func (s *Service) UserIDByEmail(ctx context.Context, email string) (string, error) {
	u, err := findUserByEmail(s.db.Gorm.WithContext(ctx), normaliseEmail(email))
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", apperr.New(apperr.NotFound, "There is no account with the email address "+normaliseEmail(email))
	}
	return u.ID, err
}

// Deactivate switches an account off: the person's sessions and emailed links end at once, they
// cannot sign in, and they are sent nothing that can be avoided. What they did stays. Switching
// off an account that is already off changes nothing. actorID is the admin, or
// ActorCommandLine.
// Errors: not_found, conflict (the last active admin).
func (s *Service) Deactivate(ctx context.Context, actorID, userID string) error {
	return s.changeAccount(ctx, actorID, userID, func(tx *gorm.DB, u User, now time.Time) (string, map[string]any, error) {
		if u.DeactivatedAt != nil {
			return "", nil, nil
		}
		if auth.Role(u.Role) == auth.RoleAdmin {
			if err := s.ensureAnotherAdmin(tx, u.ID); err != nil {
				return "", nil, err
			}
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"deactivated_at": now, "updated_at": now}).Error; err != nil {
			return "", nil, fmt.Errorf("accounts: unable to deactivate: %w", err)
		}
		n, err := s.revokeSessions(tx, u.ID, "", now)
		if err != nil {
			return "", nil, err
		}
		if err := s.endLinks(tx, u.ID, ""); err != nil {
			return "", nil, err
		}
		return "admin.account_deactivated", map[string]any{"sessionsEnded": n}, nil
	})
}

// Reactivate switches an account back on. The person signs in again with their password (or
// resets it); sessions ended when it was switched off stay ended.
// Errors: not_found.
func (s *Service) Reactivate(ctx context.Context, actorID, userID string) error {
	return s.changeAccount(ctx, actorID, userID, func(tx *gorm.DB, u User, now time.Time) (string, map[string]any, error) {
		if u.DeletedAt != nil {
			return "", nil, errDeletedAccount
		}
		if u.DeactivatedAt == nil {
			return "", nil, nil
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"deactivated_at": nil, "updated_at": now}).Error; err != nil {
			return "", nil, fmt.Errorf("accounts: unable to reactivate: %w", err)
		}
		return "admin.account_reactivated", nil, nil
	})
}

// ChangeRole gives a council officer another staff role. A supplier's account cannot become a
// staff account nor the reverse, and the last active admin stays an admin. The new role applies
// from the person's next request.
// Errors: invalid (role), not_found, conflict (the last active admin).
func (s *Service) ChangeRole(ctx context.Context, actorID, userID, role string) error {
	if !slices.Contains(auth.StaffRoles(), auth.Role(role)) {
		return apperr.Field("role", "Select what the person will do: buyer, evaluator, case officer or admin")
	}
	return s.changeAccount(ctx, actorID, userID, func(tx *gorm.DB, u User, now time.Time) (string, map[string]any, error) {
		if auth.Role(u.Role) == auth.RoleSupplier {
			return "", nil, apperr.Field("role", "This is a supplier’s account: it cannot be given a council staff role")
		}
		if u.Role == role {
			return "", nil, nil
		}
		if auth.Role(u.Role) == auth.RoleAdmin && u.DeactivatedAt == nil {
			if err := s.ensureAnotherAdmin(tx, u.ID); err != nil {
				return "", nil, err
			}
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"role": role, "updated_at": now}).Error; err != nil {
			return "", nil, fmt.Errorf("accounts: unable to change role: %w", err)
		}
		return "admin.account_role_changed", map[string]any{"from": u.Role, "to": role}, nil
	})
}

// EndSessions signs the person out everywhere, at once; they may sign in again. It returns how
// many sessions it ended.
// Errors: not_found.
func (s *Service) EndSessions(ctx context.Context, actorID, userID string) (int64, error) {
	var ended int64
	err := s.changeAccount(ctx, actorID, userID, func(tx *gorm.DB, u User, now time.Time) (string, map[string]any, error) {
		n, err := s.revokeSessions(tx, u.ID, "", now)
		if err != nil {
			return "", nil, err
		}
		ended = n
		return "admin.account_sessions_ended", map[string]any{"sessionsEnded": n}, nil
	})
	return ended, err
}

// changeAccount runs one admin change to an account in a transaction, under the lock that keeps
// two admins from both removing the last other admin, and audits it unless change reports no
// action (nothing changed).
func (s *Service) changeAccount(ctx context.Context, actorID, userID string,
	change func(tx *gorm.DB, u User, now time.Time) (action string, details map[string]any, err error)) error {
	if _, err := uuid.Parse(userID); err != nil {
		return errNoAccount
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.db.LockForUpdate(tx, "accounts:admins"); err != nil {
			return err
		}
		u, err := takeUser(tx, userID)
		if err != nil {
			return err
		}
		action, details, err := change(tx, u, s.now().UTC())
		if err != nil || action == "" {
			return err
		}
		if actorID == ActorCommandLine {
			if details == nil {
				details = map[string]any{}
			}
			details["via"] = "command line"
		}
		return s.audit.Record(tx, audit.Event{ActorID: actorID, Action: action, SubjectType: "user", SubjectID: u.ID,
			ClientIP: audit.ClientIP(ctx), Details: details})
	})
}

// ensureAnotherAdmin fails unless an active admin other than userID exists.
// Errors: conflict.
func (s *Service) ensureAnotherAdmin(tx *gorm.DB, userID string) error {
	var n int64
	if err := tx.Model(&User{}).Where("role = ? AND deactivated_at IS NULL AND id <> ?", string(auth.RoleAdmin), userID).Count(&n).Error; err != nil {
		return fmt.Errorf("accounts: unable to count admins: %w", err)
	}
	if n == 0 {
		return errLastAdmin
	}
	return nil
}

// revokeSessions ends the person's sessions but except (empty: all of them) and returns how many
// of those ended were still live.
func (s *Service) revokeSessions(tx *gorm.DB, userID, except string, now time.Time) (int64, error) {
	sessions := func() *gorm.DB {
		q := tx.Model(&session{}).Where("user_id = ? AND revoked_at IS NULL", userID)
		if except != "" {
			// Only when given: PostgreSQL refuses to compare a uuid with ''.
			q = q.Where("id <> ?", except)
		}
		return q
	}
	var live int64
	if err := sessions().Where("expires_at > ?", now).Count(&live).Error; err != nil {
		return 0, fmt.Errorf("accounts: unable to count sessions: %w", err)
	}
	if err := sessions().Update("revoked_at", now).Error; err != nil {
		return 0, fmt.Errorf("accounts: unable to end sessions: %w", err)
	}
	return live, nil
}

func takeUser(db *gorm.DB, userID string) (User, error) {
	var u User
	if _, err := uuid.Parse(userID); err != nil {
		return u, errNoAccount
	}
	err := db.Take(&u, "id = ?", userID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return u, errNoAccount
	} else if err != nil {
		return u, fmt.Errorf("accounts: unable to read user: %w", err)
	}
	return u, nil
}

func organisationsOf(db *gorm.DB, userID string) ([]OrganisationRef, error) {
	orgs := []OrganisationRef{}
	err := db.Table("memberships m").
		Select("o.id, o.name, o.legal_form, m.role").
		Joins("JOIN organisations o ON o.id = m.organisation_id").
		Where("m.user_id = ?", userID).Order("o.name").Scan(&orgs).Error
	if err != nil {
		return nil, fmt.Errorf("accounts: unable to read memberships: %w", err)
	}
	return orgs, nil
}
