package suppliers

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// MemberInvitationTTL is how long an invitation to join an organisation works.
const MemberInvitationTTL = 7 * 24 * time.Hour

// Member is a person in an organisation.
type Member struct {
	UserID   string    `json:"userId"`
	Name     string    `json:"name"`
	Email    string    `json:"email"`
	Role     string    `json:"role" enum:"owner,member"`
	JoinedAt time.Time `json:"joinedAt"`
}

// PendingInvitation is an invitation not yet accepted.
type PendingInvitation struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Role      string    `json:"role"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// Members is who is in an organisation and who has been invited.
type Members struct {
	Members     []Member            `json:"members" nullable:"false"`
	Invitations []PendingInvitation `json:"invitations" nullable:"false"`
	YourRole    string              `json:"yourRole"`
}

// ListMembers returns the organisation's members and open invitations.
// Errors: forbidden.
func (s *Service) ListMembers(ctx context.Context, p *auth.Principal, orgID string) (Members, error) {
	db := s.db.Gorm.WithContext(ctx)
	role, err := s.membership(db, p.UserID, orgID)
	if err != nil {
		return Members{}, err
	}
	out := Members{Members: []Member{}, Invitations: []PendingInvitation{}, YourRole: role}
	members, err := s.accounts.Members(db, orgID)
	if err != nil {
		return out, err
	}
	for _, m := range members {
		out.Members = append(out.Members, Member{UserID: m.ID, Name: m.Name, Email: m.Email, Role: m.Role, JoinedAt: m.JoinedAt})
	}
	var invs []OrganisationInvitation
	if err := db.Where("organisation_id = ? AND accepted_at IS NULL", orgID).Order("created_at").Find(&invs).Error; err != nil {
		return out, fmt.Errorf("suppliers: unable to list invitations: %w", err)
	}
	now := s.now()
	for _, i := range invs {
		if now.Before(i.ExpiresAt) {
			out.Invitations = append(out.Invitations, PendingInvitation{ID: i.ID, Email: i.Email, Role: i.Role, ExpiresAt: i.ExpiresAt})
		}
	}
	return out, nil
}

// InviteMember emails a link to join the organisation. Only owners may invite, within the
// invitation limits (per inviter and per organisation each hour, and invitations waiting at once).
// Errors: invalid, forbidden, conflict, too_many_requests.
func (s *Service) InviteMember(ctx context.Context, p *auth.Principal, orgID, email, role string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	var f apperr.Fields
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		f.Add("email", "Enter an email address in the correct format, like name@example.com")
	}
	if role != "owner" && role != "member" {
		f.Add("role", "Select owner or member")
	}
	if err := f.Err(); err != nil {
		return err
	}
	now := s.now().UTC()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.requireOwner(tx, p.UserID, orgID); err != nil {
			return err
		}
		if err := s.checkInvitationLimits(tx, p.UserID, orgID, now, 0); err != nil {
			return err
		}
		member, err := s.accounts.HasMemberWithEmail(tx, orgID, email)
		if err != nil {
			return err
		}
		if member {
			return apperr.Field("email", "This person is already a member of your organisation")
		}
		if _, err := s.sendInvitation(ctx, tx, p.UserID, orgID, email, role, now); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "supplier.member_invited", SubjectType: "organisation", SubjectID: orgID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"email": email, "role": role}})
	})
}

// checkInvitationLimits holds the organisation's invitations still (so two owners inviting at
// once are counted in turn) and refuses one more over the limits; waiting adjusts the count of
// invitations waiting (-1 when one of them is being replaced). Errors: too_many_requests.
func (s *Service) checkInvitationLimits(tx *gorm.DB, inviterID, orgID string, now time.Time, waiting int64) error {
	if err := s.db.LockForUpdate(tx, "invitations:"+orgID); err != nil {
		return err
	}
	counts, err := s.invitationCounts(tx, inviterID, orgID, now)
	if err != nil {
		return err
	}
	counts.Pending += waiting
	return s.limits.Check(counts, now)
}

// sendInvitation stores a new invitation with its own link, valid for MemberInvitationTTL, and
// emails the link (in the same transaction). It returns the invitation's id.
func (s *Service) sendInvitation(ctx context.Context, tx *gorm.DB, inviterID, orgID, email, role string, now time.Time) (string, error) {
	org, err := s.accounts.OrganisationName(tx, orgID)
	if err != nil {
		return "", err
	}
	people, err := s.accounts.People(tx, []string{inviterID})
	if err != nil {
		return "", err
	}
	token, hash := auth.NewToken()
	inv := OrganisationInvitation{ID: uuid.NewString(), OrganisationID: orgID, Email: email, Role: role, TokenHash: hash, InvitedBy: inviterID,
		ExpiresAt: now.Add(MemberInvitationTTL), CreatedAt: now}
	if err := tx.Create(&inv).Error; err != nil {
		return "", fmt.Errorf("suppliers: unable to store invitation: %w", err)
	}
	if err := s.mail.Enqueue(ctx, tx, "member-invitation", email, "", map[string]any{"Name": email, "Link": s.baseURL + "/join-organisation?token=" + token,
		"Organisation": org, "Inviter": people[inviterID].Name, "Role": role}); err != nil {
		return "", err
	}
	return inv.ID, nil
}

// invitationCounts counts what the inviter (for any organisation) and the organisation (by anyone)
// sent within the window, and the organisation's invitations still waiting.
func (s *Service) invitationCounts(tx *gorm.DB, inviterID, orgID string, now time.Time) (accounts.InvitationCounts, error) {
	var c accounts.InvitationCounts
	var err error
	since := now.Add(-accounts.InvitationWindow)
	invitations := func() *gorm.DB { return tx.Model(&OrganisationInvitation{}) }
	if c.ByInviter, c.FirstByInviter, err = accounts.CountSince(invitations().Where("invited_by = ?", inviterID), since); err != nil {
		return c, err
	}
	if c.ByOrganisation, c.FirstByOrganisation, err = accounts.CountSince(invitations().Where("organisation_id = ?", orgID), since); err != nil {
		return c, err
	}
	if err := invitations().Where("organisation_id = ? AND accepted_at IS NULL AND expires_at > ?", orgID, now).Count(&c.Pending).Error; err != nil {
		return c, fmt.Errorf("suppliers: unable to count waiting invitations: %w", err)
	}
	return c, nil
}

// AcceptMemberInvitation adds a person to the organisation from an invitation link. A signed-in
// person joins with their account, which must be the invited address. Someone with no account
// gives a name and password and gets one (the link proves they receive email there).
// Errors: invalid, unauthorized, forbidden.
func (s *Service) AcceptMemberInvitation(ctx context.Context, p *auth.Principal, token, name, password string) (orgName string, err error) {
	now := s.now().UTC()
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		inv, err := s.openInvitation(tx, token, now)
		if err != nil {
			return err
		}
		user, err := s.accounts.PersonByEmail(tx, inv.Email)
		switch {
		case err == nil && (p == nil || p.UserID != user.ID):
			return apperr.New(apperr.Unauthorized, "Sign in as "+inv.Email+" to accept this invitation")
		case err == nil && user.Role != string(auth.RoleSupplier):
			return apperr.New(apperr.Forbidden, "Council staff accounts cannot join a supplier organisation")
		case errors.Is(err, accounts.ErrNoSuchPerson):
			if p != nil {
				return apperr.New(apperr.Forbidden, "This invitation is for "+inv.Email+". Sign out, then follow the link again.")
			}
			name = strings.TrimSpace(name)
			var f apperr.Fields
			if name == "" || utf8.RuneCountInString(name) > 200 {
				f.Add("name", "Enter your full name")
			}
			if err := auth.CheckPassword(password, strings.Split(inv.Email, "@")[0], name); err != nil {
				f.Add("password", err.Error())
			}
			if err := f.Err(); err != nil {
				return err
			}
			hash, err := auth.HashPassword(password)
			if err != nil {
				return err
			}
			if user, err = s.accounts.CreateInvitedSupplier(tx, inv.Email, name, hash, now); err != nil {
				return err
			}
		case err != nil:
			return err
		}
		if err := s.accounts.AddMember(tx, inv.OrganisationID, user.ID, inv.Role, now); err != nil {
			return err
		}
		if err := tx.Model(&OrganisationInvitation{}).Where("id = ?", inv.ID).Update("accepted_at", now).Error; err != nil {
			return fmt.Errorf("suppliers: unable to use invitation: %w", err)
		}
		if orgName, err = s.accounts.OrganisationName(tx, inv.OrganisationID); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: user.ID, Action: "supplier.member_joined", SubjectType: "organisation", SubjectID: inv.OrganisationID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"role": inv.Role}})
	})
	return orgName, err
}

// InvitationDetails is what an invitation link is for, shown before it is accepted.
type InvitationDetails struct {
	Organisation string    `json:"organisation"`
	InvitedBy    string    `json:"invitedBy" doc:"The name of the owner who sent the invitation."`
	Email        string    `json:"email" doc:"The address the invitation is for: only that account can accept it."`
	Role         string    `json:"role" enum:"owner,member"`
	ExpiresAt    time.Time `json:"expiresAt"`
}

// openInvitation reads the invitation a link's token names, refusing one used or expired with
// the words the invitee needs. Errors: invalid.
func (s *Service) openInvitation(tx *gorm.DB, token string, now time.Time) (OrganisationInvitation, error) {
	var inv OrganisationInvitation
	if err := tx.Take(&inv, "token_hash = ?", auth.HashToken(token)).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return inv, apperr.Field("token", "This link is not valid. Ask the person who invited you to send a new one.")
	} else if err != nil {
		return inv, fmt.Errorf("suppliers: unable to read invitation: %w", err)
	}
	if inv.AcceptedAt != nil {
		return inv, apperr.Field("token", "This invitation has already been used. Sign in to see your organisation.")
	}
	if !now.Before(inv.ExpiresAt) {
		return inv, apperr.Field("token", "This invitation has expired. Ask the person who invited you to send a new one.")
	}
	return inv, nil
}

// LookUpInvitation says which organisation an invitation link is for, who sent it and to which
// address, so that the invitee knows what they are accepting. The token is the proof: anyone
// holding the link may see this, as they may read the email.
// Errors: invalid.
func (s *Service) LookUpInvitation(ctx context.Context, token string) (InvitationDetails, error) {
	db := s.db.Gorm.WithContext(ctx)
	inv, err := s.openInvitation(db, token, s.now().UTC())
	if err != nil {
		return InvitationDetails{}, err
	}
	org, err := s.accounts.OrganisationName(db, inv.OrganisationID)
	if err != nil {
		return InvitationDetails{}, err
	}
	people, err := s.accounts.People(db, []string{inv.InvitedBy})
	if err != nil {
		return InvitationDetails{}, err
	}
	return InvitationDetails{Organisation: org, InvitedBy: people[inv.InvitedBy].Name, Email: inv.Email, Role: inv.Role, ExpiresAt: inv.ExpiresAt}, nil
}

// pendingInvitation reads one of the organisation's invitations still waiting, for its owners.
// Errors: forbidden, not_found.
func (s *Service) pendingInvitation(tx *gorm.DB, p *auth.Principal, orgID, id string, now time.Time) (OrganisationInvitation, error) {
	var inv OrganisationInvitation
	if err := s.requireOwner(tx, p.UserID, orgID); err != nil {
		return inv, err
	}
	err := tx.Take(&inv, "id = ? AND organisation_id = ? AND accepted_at IS NULL AND expires_at > ?", id, orgID, now).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return inv, apperr.New(apperr.NotFound, "There is no such invitation waiting. It may have been accepted, cancelled or expired.")
	}
	if err != nil {
		return inv, fmt.Errorf("suppliers: unable to read invitation: %w", err)
	}
	return inv, nil
}

// CancelInvitation withdraws an invitation still waiting, so its link no longer works. Only
// owners may.
// Errors: forbidden, not_found.
func (s *Service) CancelInvitation(ctx context.Context, p *auth.Principal, orgID, id string) error {
	now := s.now().UTC()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		inv, err := s.pendingInvitation(tx, p, orgID, id, now)
		if err != nil {
			return err
		}
		// Expired now: the link stops working and the invitation leaves the list, and the row
		// stays for the invitation limits' counts.
		if err := tx.Model(&OrganisationInvitation{}).Where("id = ?", inv.ID).Update("expires_at", now).Error; err != nil {
			return fmt.Errorf("suppliers: unable to cancel invitation: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "supplier.member_invitation_cancelled", SubjectType: "organisation",
			SubjectID: orgID, ClientIP: audit.ClientIP(ctx), Details: map[string]any{"invitationId": inv.ID}})
	})
}

// ResendInvitation emails a waiting invitation again with a new link (the old one stops working)
// and a new week to accept it. Only owners may, within the invitation limits, as for a new one.
// Errors: forbidden, not_found, too_many_requests.
func (s *Service) ResendInvitation(ctx context.Context, p *auth.Principal, orgID, id string) error {
	now := s.now().UTC()
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		inv, err := s.pendingInvitation(tx, p, orgID, id, now)
		if err != nil {
			return err
		}
		// This one is waiting already: sending it again does not add another to the waiting ones,
		// but counts towards the hourly limits as a new invitation does.
		if err := s.checkInvitationLimits(tx, p.UserID, orgID, now, -1); err != nil {
			return err
		}
		if err := tx.Model(&OrganisationInvitation{}).Where("id = ?", inv.ID).Update("expires_at", now).Error; err != nil {
			return fmt.Errorf("suppliers: unable to replace invitation: %w", err)
		}
		nextID, err := s.sendInvitation(ctx, tx, p.UserID, orgID, inv.Email, inv.Role, now)
		if err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "supplier.member_invitation_resent", SubjectType: "organisation",
			SubjectID: orgID, ClientIP: audit.ClientIP(ctx), Details: map[string]any{"invitationId": nextID, "replaces": inv.ID}})
	})
}

var errLastOwner = apperr.New(apperr.Conflict, "An organisation must always have an owner. Make someone else an owner first.")

// RemoveMember takes a person out of the organisation: an owner may remove anyone, and anyone may
// leave. The last owner can neither leave nor be removed.
// Errors: forbidden, not_found, conflict.
func (s *Service) RemoveMember(ctx context.Context, p *auth.Principal, orgID, userID string) error {
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.db.LockForUpdate(tx, "memberships:"+orgID); err != nil {
			return err
		}
		if userID != p.UserID {
			if err := s.requireOwner(tx, p.UserID, orgID); err != nil {
				return err
			}
		}
		role, err := s.membership(tx, userID, orgID)
		if err == errNotMember {
			return apperr.New(apperr.NotFound, "This person is not a member of the organisation")
		} else if err != nil {
			return err
		}
		if role == "owner" {
			if err := s.ensureAnotherOwner(tx, orgID, userID); err != nil {
				return err
			}
		}
		if err := s.accounts.RemoveMember(tx, orgID, userID); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "supplier.member_removed", SubjectType: "organisation", SubjectID: orgID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"user": userID}})
	})
}

// ChangeMemberRole makes a member an owner or an owner a member. Only owners may; the last owner
// cannot be made a member.
// Errors: invalid, forbidden, not_found, conflict.
func (s *Service) ChangeMemberRole(ctx context.Context, p *auth.Principal, orgID, userID, role string) error {
	if role != "owner" && role != "member" {
		return apperr.Field("role", "Select owner or member")
	}
	return s.db.Tx(ctx, func(tx *gorm.DB) error {
		if err := s.db.LockForUpdate(tx, "memberships:"+orgID); err != nil {
			return err
		}
		if err := s.requireOwner(tx, p.UserID, orgID); err != nil {
			return err
		}
		cur, err := s.membership(tx, userID, orgID)
		if err == errNotMember {
			return apperr.New(apperr.NotFound, "This person is not a member of the organisation")
		} else if err != nil {
			return err
		}
		if cur == role {
			return nil
		}
		if cur == "owner" {
			if err := s.ensureAnotherOwner(tx, orgID, userID); err != nil {
				return err
			}
		}
		if err := s.accounts.SetMemberRole(tx, orgID, userID, role); err != nil {
			return err
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "supplier.member_role_changed", SubjectType: "organisation", SubjectID: orgID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"user": userID, "role": role}})
	})
}

func (s *Service) ensureAnotherOwner(tx *gorm.DB, orgID, userID string) error {
	n, err := s.accounts.OwnersBesides(tx, orgID, userID)
	if err != nil {
		return err
	}
	if n == 0 {
		return errLastOwner
	}
	return nil
}
