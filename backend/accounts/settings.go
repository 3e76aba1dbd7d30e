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
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
	"gorm.io/gorm"
)

// EmailChangeTTL is how long a link confirming a new email address works.
const EmailChangeTTL = 24 * time.Hour

// SettingsPath is where the account settings pages live; emails link to them.
const SettingsPath = "/account/settings"

// DeletedName is the name a deleted account shows wherever a record the council keeps names it.
const DeletedName = "Deleted account"

// currentUser reads the signed-in person and checks the password they typed, for the changes
// that need it. The argon2id check runs outside any transaction: it is slow by design.
// Errors: invalid (field), not_found.
func (s *Service) currentUser(ctx context.Context, userID, password, field string) (User, error) {
	u, err := takeUser(s.db.Gorm.WithContext(ctx), userID)
	if err != nil {
		return u, err
	}
	if password == "" {
		return u, apperr.Field(field, "Enter your current password")
	}
	hash := ""
	if u.PasswordHash != nil {
		hash = *u.PasswordHash
	}
	if !auth.VerifyPassword(hash, password) {
		return u, apperr.Field(field, "The password is not right. Enter the password you sign in with")
	}
	return u, nil
}

// ChangeName changes the signed-in person's name. The audit entry says it changed, not what to:
// names are personal data and the log is kept for ever.
// Errors: invalid (name), not_found.
func (s *Service) ChangeName(ctx context.Context, userID, name string) error {
	name = strings.TrimSpace(name)
	var f apperr.Fields
	checkText(&f, "name", name, "Enter your full name", 200)
	if len(f) == 0 && !httpapi.CleanText(name, false) {
		f.Add("name", "Your name can only contain letters, numbers, spaces and punctuation")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		u, err := takeUser(tx, userID)
		if err != nil {
			return err
		}
		if u.Name == name {
			return nil
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"name": name, "updated_at": s.now().UTC()}).Error; err != nil {
			return fmt.Errorf("accounts: unable to change name: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "account.name_changed", SubjectType: "user", SubjectID: u.ID, ClientIP: audit.ClientIP(ctx)})
	})
}

// RequestEmailChange starts changing the signed-in person's email address: it checks their
// password, emails a link to the new address (the change happens only when it is followed), and
// tells the current address, with what to do if it was not them. When the new address already
// has an account, no link is sent: its holder is told instead, as registering does, so the answer
// to the person asking is the same and reveals nothing about who has an account. A newer request
// ends the links of earlier ones.
//
// A person who has not yet confirmed their address (it may have been mistyped at registration,
// so its link never arrived) is not asked to confirm twice: the address is corrected at once and
// the new one gets the verification link (see correctUnconfirmedEmail); unconfirmed says so.
// Errors: invalid (email, password), not_found.
func (s *Service) RequestEmailChange(ctx context.Context, userID, newEmail, password string) (unconfirmed bool, err error) {
	newEmail = normaliseEmail(newEmail)
	var f apperr.Fields
	checkEmail(&f, "email", newEmail)
	if err := f.Err(); err != nil {
		return false, err
	}
	u, err := s.currentUser(ctx, userID, password, "password")
	if err != nil {
		return false, err
	}
	if newEmail == u.Email {
		return false, apperr.Field("email", "This is already your email address. Enter a different one")
	}
	if u.EmailVerifiedAt == nil {
		return true, s.correctUnconfirmedEmail(ctx, u, newEmail)
	}
	return false, s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.endLinks(tx, u.ID, purposeEmailChange); err != nil {
			return err
		}
		holder, err := findUserByEmail(tx, newEmail)
		switch {
		case err == nil:
			if holder.DeactivatedAt == nil {
				if err := s.mail.Enqueue(ctx, tx, "email-change-taken", holder.Email, holder.Name,
					map[string]any{"Name": holder.Name, "Link": s.baseURL + "/sign-in"}); err != nil {
					return err
				}
			}
		case errors.Is(err, gorm.ErrRecordNotFound):
			token, err := s.storeLink(tx, u.ID, purposeEmailChange, EmailChangeTTL, nil, &newEmail)
			if err != nil {
				return err
			}
			if err := s.mail.Enqueue(ctx, tx, "email-change-confirm", newEmail, u.Name,
				map[string]any{"Name": u.Name, "Link": s.baseURL + SettingsPath + "/confirm-email?token=" + token}); err != nil {
				return err
			}
		default:
			return err
		}
		if err := s.mail.Enqueue(ctx, tx, "email-change-requested", u.Email, u.Name,
			map[string]any{"Name": u.Name, "NewEmail": newEmail, "Link": s.baseURL + SettingsPath + "/password"}); err != nil {
			return err
		}
		// No addresses in the audit: the log is kept for ever and an address is personal data.
		return s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "account.email_change_requested", SubjectType: "user", SubjectID: u.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"addressHasAccount": holder.ID != ""}})
	})
}

// correctUnconfirmedEmail replaces an address that was never confirmed and sends the verification
// link to the new one. The old address is not told: nobody ever showed it was theirs, and a
// mistyped address is often a stranger's. Earlier verification links end, so a link that went to
// the wrong address cannot confirm the new one. Sessions stay, so the person can carry on from
// the page that asks them to confirm. When the new address already has an account, nothing
// changes and its holder is told, as registering does, so the answer reveals nothing.
func (s *Service) correctUnconfirmedEmail(ctx context.Context, u User, newEmail string) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.endLinks(tx, u.ID, purposeVerify); err != nil {
			return err
		}
		if err := s.endLinks(tx, u.ID, purposeEmailChange); err != nil {
			return err
		}
		holder, err := findUserByEmail(tx, newEmail)
		taken := err == nil
		switch {
		case taken:
			if holder.DeactivatedAt == nil {
				if err := s.mail.Enqueue(ctx, tx, "email-change-taken", holder.Email, holder.Name,
					map[string]any{"Name": holder.Name, "Link": s.baseURL + "/sign-in"}); err != nil {
					return err
				}
			}
		case errors.Is(err, gorm.ErrRecordNotFound):
			if err := tx.Model(&User{}).Where("id = ? AND email_verified_at IS NULL", u.ID).
				Updates(map[string]any{"email": newEmail, "updated_at": s.now().UTC()}).Error; err != nil {
				if database.IsDuplicate(err) {
					// Registered a moment ago, between the look-up and now: rare enough to say so.
					return apperr.Field("email", "Another account has just started using this email address. Enter a different one")
				}
				return fmt.Errorf("accounts: unable to correct email: %w", err)
			}
			u.Email = newEmail
			if err := s.sendLink(ctx, tx, u, purposeVerify, VerifyTTL, "verify-email", "/verify-email", nil, nil); err != nil {
				return err
			}
		default:
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "account.unconfirmed_email_corrected", SubjectType: "user", SubjectID: u.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"addressHasAccount": taken}})
	})
}

var errEmailTaken = apperr.Field("token", "Another account has started using this email address since you asked, so it cannot be yours as well. Ask for the change again with a different address.")

// ConfirmEmailChange makes the new address the account's from the emailed link, and returns it.
// The address is confirmed (the person followed a link sent to it), and every other link the
// account had ends, since they went to the old address.
// Errors: invalid (token).
func (s *Service) ConfirmEmailChange(ctx context.Context, token string) (string, error) {
	var email string
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		t, u, err := s.useToken(tx, token, purposeEmailChange)
		if err != nil {
			return err
		}
		if t.NewEmail == nil || u.DeletedAt != nil || u.DeactivatedAt != nil {
			return errLinkInvalid
		}
		email = *t.NewEmail
		oldEmail := u.Email
		if _, err := findUserByEmail(tx, email); err == nil {
			return errEmailTaken
		} else if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		now := s.now().UTC()
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"email": email, "email_verified_at": now, "updated_at": now}).Error; err != nil {
			if database.IsDuplicate(err) {
				return errEmailTaken
			}
			return fmt.Errorf("accounts: unable to change email: %w", err)
		}
		if err := s.endLinks(tx, u.ID, ""); err != nil {
			return err
		}
		// Both addresses hear that it happened: the old one in case it was not them (someone
		// with their password could move the account away), the new one as the record of it.
		data := map[string]any{"Name": u.Name, "OldEmail": oldEmail, "NewEmail": email, "ChangedAt": format.DateTime(now),
			"Link": s.baseURL + "/sign-in"}
		for _, to := range []string{oldEmail, email} {
			if err := s.mail.Enqueue(ctx, tx, "email-changed", to, u.Name, data); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "account.email_changed", SubjectType: "user", SubjectID: u.ID, ClientIP: audit.ClientIP(ctx)})
	})
	return email, err
}

// ChangePassword sets a new password for the signed-in person after their current one: the same
// rule as registering, every other session ended, this one kept, outstanding reset and
// email-change links ended, and an email telling them.
// Errors: invalid (currentPassword, newPassword), not_found.
func (s *Service) ChangePassword(ctx context.Context, userID, sessionID, current, password string) error {
	u, err := s.currentUser(ctx, userID, current, "currentPassword")
	if err != nil {
		return err
	}
	if password == "" {
		return apperr.Field("newPassword", "Enter a new password")
	}
	orgs, err := organisationsOf(s.db.Gorm.WithContext(ctx), u.ID)
	if err != nil {
		return err
	}
	words := []string{localPart(u.Email), u.Name}
	for _, o := range orgs {
		words = append(words, o.Name)
	}
	if err := auth.CheckPassword(password, words...); err != nil {
		return apperr.Field("newPassword", err.Error())
	}
	if auth.VerifyPassword(*u.PasswordHash, password) {
		return apperr.Field("newPassword", "Your new password must be different from your current password")
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.setPassword(ctx, tx, u, password, "account.password_changed", sessionID); err != nil {
			return err
		}
		return s.mail.Enqueue(ctx, tx, "password-changed", u.Email, u.Name, map[string]any{"Name": u.Name, "Link": s.baseURL + "/sign-in"})
	})
}

// SessionInfo is one place the person is signed in, as their list of sessions shows it.
type SessionInfo struct {
	ID         string    `json:"id"`
	Device     string    `json:"device" doc:"The browser and system the session was started from, such as \"Firefox on Windows\", from what the browser said at sign-in."`
	SignedInAt time.Time `json:"signedInAt"`
	LastUsedAt time.Time `json:"lastUsedAt" doc:"When the session was last used, to within the life of an access token (15 minutes by default)."`
	Current    bool      `json:"current" doc:"This is the session making the request: the device the person is using."`
}

// ListSessions returns where the person is signed in now, the most recently used first.
// Errors: none beyond internal.
func (s *Service) ListSessions(ctx context.Context, userID, currentID string) ([]SessionInfo, error) {
	var rows []session
	if err := s.db.Gorm.WithContext(ctx).Where("user_id = ? AND revoked_at IS NULL AND expires_at > ?", userID, s.now().UTC()).
		Order("created_at DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to list sessions: %w", err)
	}
	out := make([]SessionInfo, 0, len(rows))
	for _, r := range rows {
		last := r.CreatedAt
		if r.LastUsedAt != nil {
			last = *r.LastUsedAt
		}
		out = append(out, SessionInfo{ID: r.ID, Device: DescribeDevice(r.UserAgent), SignedInAt: r.CreatedAt, LastUsedAt: last, Current: r.ID == currentID})
	}
	slices.SortStableFunc(out, func(a, b SessionInfo) int {
		if a.Current != b.Current {
			if a.Current {
				return -1
			}
			return 1
		}
		return b.LastUsedAt.Compare(a.LastUsedAt)
	})
	return out, nil
}

var (
	errNoSession      = apperr.New(apperr.NotFound, "You are not signed in there any more")
	errCurrentSession = apperr.New(apperr.Conflict, "This is the device you are using. To end this session, sign out.")
)

// EndSession signs the person out of one of their other sessions at once.
// Errors: not_found (not theirs, or already ended), conflict (the session making the request).
func (s *Service) EndSession(ctx context.Context, userID, currentID, sessionID string) error {
	if sessionID == currentID {
		return errCurrentSession
	}
	now := s.now().UTC()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&session{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?", sessionID, userID, now).Update("revoked_at", now)
		if res.Error != nil {
			return fmt.Errorf("accounts: unable to end session: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return errNoSession
		}
		return s.audit.Record(tx, audit.Event{ActorID: userID, Action: "account.session_ended", SubjectType: "session", SubjectID: sessionID, ClientIP: audit.ClientIP(ctx)})
	})
}

// EndOtherSessions signs the person out everywhere but the session making the request, and
// returns how many sessions it ended.
// Errors: none beyond internal.
func (s *Service) EndOtherSessions(ctx context.Context, userID, currentID string) (int64, error) {
	var n int64
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		if n, err = s.revokeSessions(tx, userID, currentID, s.now().UTC()); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: userID, Action: "account.other_sessions_ended", SubjectType: "user", SubjectID: userID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"sessionsEnded": n}})
	})
	return n, err
}

// OrganisationOutcome is what deleting a person's account does to one of their organisations.
type OrganisationOutcome string

// The outcomes.
const (
	// OutcomeLeave: others stay, among them an owner; the person leaves.
	OutcomeLeave OrganisationOutcome = "leave"
	// OutcomeClose: the person is its only member, so the organisation closes with the account.
	OutcomeClose OrganisationOutcome = "close"
	// OutcomeHandOver: the person is its only owner and others are members, so someone must be
	// made an owner (or the others removed) first.
	OutcomeHandOver OrganisationOutcome = "hand_over_first"
)

// DeletionOrganisation is one organisation and what deleting the account does to it.
type DeletionOrganisation struct {
	ID           string              `json:"id"`
	Name         string              `json:"name"`
	Outcome      OrganisationOutcome `json:"outcome" enum:"leave,close,hand_over_first"`
	OtherMembers int64               `json:"otherMembers" doc:"How many people besides this person belong to it."`
}

// DeletionPlan says what deleting the person's account would do, before they confirm.
type DeletionPlan struct {
	CanDelete     bool                   `json:"canDelete" doc:"False while an organisation must be handed over first."`
	Organisations []DeletionOrganisation `json:"organisations" nullable:"false"`
}

var errStaffDelete = apperr.New(apperr.Forbidden, "Council staff accounts are closed by an administrator. Ask one to deactivate yours.")

// PlanDeletion says what deleting the person's account would do to each of their organisations.
// Errors: forbidden (council staff), not_found.
func (s *Service) PlanDeletion(ctx context.Context, userID string) (DeletionPlan, error) {
	return s.planDeletion(s.db.Gorm.WithContext(ctx), userID)
}

func (s *Service) planDeletion(db *gorm.DB, userID string) (DeletionPlan, error) {
	plan := DeletionPlan{CanDelete: true, Organisations: []DeletionOrganisation{}}
	u, err := takeUser(db, userID)
	if err != nil {
		return plan, err
	}
	if auth.Role(u.Role) != auth.RoleSupplier {
		return plan, errStaffDelete
	}
	orgs, err := organisationsOf(db, userID)
	if err != nil {
		return plan, err
	}
	for _, o := range orgs {
		var others, otherOwners int64
		if err := db.Model(&Membership{}).Where("organisation_id = ? AND user_id <> ?", o.ID, userID).Count(&others).Error; err != nil {
			return plan, fmt.Errorf("accounts: unable to count members: %w", err)
		}
		if err := db.Model(&Membership{}).Where("organisation_id = ? AND user_id <> ? AND role = ?", o.ID, userID, OrgOwner).Count(&otherOwners).Error; err != nil {
			return plan, fmt.Errorf("accounts: unable to count owners: %w", err)
		}
		d := DeletionOrganisation{ID: o.ID, Name: o.Name, Outcome: OutcomeLeave, OtherMembers: others}
		switch {
		case others == 0:
			d.Outcome = OutcomeClose
		case o.Role == OrgOwner && otherOwners == 0:
			d.Outcome = OutcomeHandOver
			plan.CanDelete = false
		}
		plan.Organisations = append(plan.Organisations, d)
	}
	return plan, nil
}

// DeleteAccount deletes the signed-in supplier's account after their password. Their personal
// details go: name, email address, password, sessions, links, two-step verification and
// memberships. The user row itself stays, emptied and switched off, because records the council
// must keep by law (submitted bids, clarification questions, the audit log) refer to it and
// would otherwise lose who the organisation acted through; they then show DeletedName. An
// organisation left with no members is marked closed rather than deleted, for the same reason:
// its bids, contracts and applications belong to other features and must stay intact. The last
// owner of an organisation with other members must hand it over first.
// Errors: invalid (password), conflict (hand over first), forbidden (council staff), not_found.
func (s *Service) DeleteAccount(ctx context.Context, userID, password string) error {
	u, err := s.currentUser(ctx, userID, password, "password")
	if err != nil {
		return err
	}
	if auth.Role(u.Role) != auth.RoleSupplier {
		return errStaffDelete
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		ids, err := NewDirectory(s.db).OrganisationsOf(tx, u.ID)
		if err != nil {
			return err
		}
		// The same lock as membership changes, in ID order so that two deletions never wait on
		// each other: the last two owners deleting at once must not leave members with no owner.
		slices.Sort(ids)
		for _, id := range ids {
			if err := s.db.LockForUpdate(tx, "memberships:"+id); err != nil {
				return err
			}
		}
		plan, err := s.planDeletion(tx, u.ID)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		closed := 0
		var closedNames, leftNames []string
		for _, o := range plan.Organisations {
			if o.Outcome == OutcomeHandOver {
				return apperr.New(apperr.Conflict, "You are the only owner of "+o.Name+". Make another member an owner before you delete your account.")
			}
			if err := tx.Where("organisation_id = ? AND user_id = ?", o.ID, u.ID).Delete(&Membership{}).Error; err != nil {
				return fmt.Errorf("accounts: unable to remove membership: %w", err)
			}
			if o.Outcome == OutcomeClose {
				if err := tx.Model(&Organisation{}).Where("id = ?", o.ID).Updates(map[string]any{"closed_at": now, "updated_at": now}).Error; err != nil {
					return fmt.Errorf("accounts: unable to close organisation: %w", err)
				}
				if err := s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "organisation.closed", SubjectType: "organisation", SubjectID: o.ID,
					ClientIP: audit.ClientIP(ctx), Details: map[string]any{"reason": "last member deleted their account"}}); err != nil {
					return err
				}
				closed++
				closedNames = append(closedNames, o.Name)
			} else {
				leftNames = append(leftNames, o.Name)
			}
		}
		// Told at the address the account had, before it is wiped: the person learns it is done
		// (or, if it was not them, that someone had their password) and what became of their data.
		if err := s.mail.Enqueue(ctx, tx, "account-deleted", u.Email, u.Name, map[string]any{"Name": u.Name, "DeletedAt": format.DateTime(now),
			"Closed": closedNames, "Left": leftNames, "Link": s.baseURL + "/register"}); err != nil {
			return err
		}
		for _, row := range []struct {
			model any
			where string
		}{
			{&session{}, "user_id = ?"}, {&oneTimeToken{}, "user_id = ?"}, {&secondFactor{}, "user_id = ?"}, {&recoveryCode{}, "user_id = ?"},
		} {
			if err := tx.Where(row.where, u.ID).Delete(row.model).Error; err != nil {
				return fmt.Errorf("accounts: unable to delete account data: %w", err)
			}
		}
		if err := tx.Where("key LIKE ?", "acct%:"+u.Email+"%").Delete(&loginThrottle{}).Error; err != nil {
			return fmt.Errorf("accounts: unable to clear throttles: %w", err)
		}
		// The address is replaced by one that cannot receive mail and is unique to the row, so the
		// person can register again with their own address.
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{
			"name": DeletedName, "email": "deleted-" + u.ID + "@deleted.invalid", "password_hash": nil, "email_verified_at": nil,
			"deactivated_at": now, "deleted_at": now, "updated_at": now,
		}).Error; err != nil {
			return fmt.Errorf("accounts: unable to delete account: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: u.ID, Action: "account.deleted", SubjectType: "user", SubjectID: u.ID, ClientIP: audit.ClientIP(ctx),
			Details: map[string]any{"organisationsClosed": closed, "organisationsLeft": len(plan.Organisations) - closed}})
	})
}

// DescribeDevice names the browser and system in a User-Agent header in a few words ("Chrome on
// Android"), or says it is not known. Only the common families are named: the list of sessions
// needs enough to tell one's phone from one's laptop, not a version number.
func DescribeDevice(ua string) string {
	browser := ""
	for _, b := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"EdgA/", "Edge"}, {"OPR/", "Opera"}, {"SamsungBrowser/", "Samsung Internet"}, {"Firefox/", "Firefox"},
		{"FxiOS/", "Firefox"}, {"CriOS/", "Chrome"}, {"Chromium/", "Chromium"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	system := ""
	for _, o := range []struct{ token, name string }{
		{"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Android", "Android"}, {"CrOS", "ChromeOS"}, {"Windows", "Windows"},
		{"Mac OS X", "Mac"}, {"Macintosh", "Mac"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.token) {
			system = o.name
			break
		}
	}
	switch {
	case browser != "" && system != "":
		return browser + " on " + system
	case browser != "":
		return browser
	case system != "":
		return "A browser on " + system
	}
	return "An unknown browser or app"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// Cut on a rune boundary so the stored text stays valid UTF-8.
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
