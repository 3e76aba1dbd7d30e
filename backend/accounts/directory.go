package accounts

import (
	"errors"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Directory is how every other feature reads and changes people, organisations and memberships:
// this package owns those tables, so nothing else names them. Each method reads through the
// gorm handle it is given, so a caller that needs the read or write inside its own transaction
// passes that transaction.
type Directory struct {
	db *database.DB
}

// NewDirectory returns the directory over db.
func NewDirectory(db *database.DB) *Directory { return &Directory{db: db} }

// Person is what other features need of a user: who they are and whether they can be emailed.
type Person struct {
	ID    string
	Name  string
	Email string
	Role  string
	// CanEmail: the address is confirmed and the account is not switched off.
	CanEmail bool
}

// Member is a person in an organisation, with their role there.
type Member struct {
	Person
	Role     string
	JoinedAt time.Time
}

var (
	// ErrNotMember answers a person acting for an organisation they do not belong to.
	ErrNotMember = apperr.New(apperr.Forbidden, "You are not a member of this organisation")
	// ErrNoSuchPerson answers a look-up of an address nobody has an account with.
	ErrNoSuchPerson = apperr.New(apperr.NotFound, "There is no account with this email address")
	// ErrNoSuchOrganisation answers a look-up of an organisation that does not exist.
	ErrNoSuchOrganisation = apperr.New(apperr.NotFound, "There is no such organisation")
)

// ChooseOrganisationMessage is what a person in several organisations is told when a request
// does not say which one it is for.
const ChooseOrganisationMessage = "You belong to more than one organisation: choose which one"

// ActsFor is the one rule for which organisation a supplier acts for: the one they name, if they
// belong to it; when they name none, the only one they belong to. Someone in several must choose:
// the error names the field organisationId, in the part of the request given by in (the query
// for most routes, the body where the organisation is part of what is sent).
// Errors: forbidden (not a member of the one named, or of none), invalid (several, none named).
func (d *Directory) ActsFor(db *gorm.DB, userID, orgID string, in apperr.In) (string, error) {
	if orgID != "" {
		if _, err := d.MemberRole(db, userID, orgID); err != nil {
			return "", err
		}
		return orgID, nil
	}
	ids, err := d.OrganisationsOf(db, userID)
	if err != nil {
		return "", err
	}
	switch len(ids) {
	case 0:
		return "", ErrNotMember
	case 1:
		return ids[0], nil
	}
	return "", &apperr.Error{Code: apperr.Invalid, Field: "organisationId", In: in, Message: ChooseOrganisationMessage}
}

// MemberRole returns the person's role ("owner" or "member") in the organisation.
// Errors: forbidden.
func (d *Directory) MemberRole(db *gorm.DB, userID, orgID string) (string, error) {
	if _, err := uuid.Parse(orgID); err != nil {
		return "", ErrNotMember
	}
	var m Membership
	err := db.Select("role").Take(&m, "user_id = ? AND organisation_id = ?", userID, orgID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", ErrNotMember
	} else if err != nil {
		return "", fmt.Errorf("accounts: unable to read membership: %w", err)
	}
	return m.Role, nil
}

// OrganisationsOf returns the IDs of the organisations the person belongs to, those they joined
// first first.
func (d *Directory) OrganisationsOf(db *gorm.DB, userID string) ([]string, error) {
	var ids []string
	if err := db.Model(&Membership{}).Where("user_id = ?", userID).Order("created_at, organisation_id").Pluck("organisation_id", &ids).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to read memberships: %w", err)
	}
	return ids, nil
}

// Members returns the organisation's people, those who joined first first.
func (d *Directory) Members(db *gorm.DB, orgID string) ([]Member, error) {
	return d.members(db, "m.created_at, u.email", "m.organisation_id = ?", orgID)
}

// Owners returns the organisation's owners, by email address.
func (d *Directory) Owners(db *gorm.DB, orgID string) ([]Member, error) {
	return d.members(db, "u.email", "m.organisation_id = ? AND m.role = ?", orgID, "owner")
}

func (d *Directory) members(db *gorm.DB, order, where string, args ...any) ([]Member, error) {
	var rows []struct {
		ID, Name, Email, UserRole, Role string
		Verified                        bool
		JoinedAt                        time.Time
	}
	err := db.Table("memberships m").Select(`u.id, u.name, u.email, u.role AS user_role, m.role, m.created_at AS joined_at,
		(u.email_verified_at IS NOT NULL AND u.deactivated_at IS NULL) AS verified`).
		Joins("JOIN users u ON u.id = m.user_id").Where(where, args...).Order(order).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("accounts: unable to read members: %w", err)
	}
	out := make([]Member, len(rows))
	for i, r := range rows {
		out[i] = Member{Person: Person{ID: r.ID, Name: r.Name, Email: r.Email, Role: r.UserRole, CanEmail: r.Verified}, Role: r.Role, JoinedAt: r.JoinedAt}
	}
	return out, nil
}

// MemberIDs returns the IDs of everyone in any of the organisations, each once, in ID order.
func (d *Directory) MemberIDs(db *gorm.DB, orgIDs []string) ([]string, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	var ids []string
	if err := db.Model(&Membership{}).Distinct("user_id").Where("organisation_id IN ?", orgIDs).Order("user_id").Pluck("user_id", &ids).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to read members: %w", err)
	}
	return ids, nil
}

// HasMemberWithEmail says whether someone with the address is already in the organisation.
func (d *Directory) HasMemberWithEmail(db *gorm.DB, orgID, email string) (bool, error) {
	var n int64
	if err := db.Table("memberships m").Joins("JOIN users u ON u.id = m.user_id").Where("m.organisation_id = ? AND u.email = ?", orgID, email).
		Count(&n).Error; err != nil {
		return false, fmt.Errorf("accounts: unable to check membership: %w", err)
	}
	return n > 0, nil
}

// OwnersBesides counts the organisation's owners other than userID, so that the last owner is
// never removed or made a member.
func (d *Directory) OwnersBesides(tx *gorm.DB, orgID, userID string) (int64, error) {
	var n int64
	if err := tx.Model(&Membership{}).Where("organisation_id = ? AND role = ? AND user_id <> ?", orgID, "owner", userID).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("accounts: unable to count owners: %w", err)
	}
	return n, nil
}

// AddMember puts a person in an organisation with a role, in tx.
func (d *Directory) AddMember(tx *gorm.DB, orgID, userID, role string, now time.Time) error {
	if err := tx.Create(&Membership{OrganisationID: orgID, UserID: userID, Role: role, CreatedAt: now}).Error; err != nil {
		return fmt.Errorf("accounts: unable to add member: %w", err)
	}
	return nil
}

// RemoveMember takes a person out of an organisation, in tx.
func (d *Directory) RemoveMember(tx *gorm.DB, orgID, userID string) error {
	if err := tx.Where("organisation_id = ? AND user_id = ?", orgID, userID).Delete(&Membership{}).Error; err != nil {
		return fmt.Errorf("accounts: unable to remove member: %w", err)
	}
	return nil
}

// SetMemberRole makes a member an owner or an owner a member, in tx.
func (d *Directory) SetMemberRole(tx *gorm.DB, orgID, userID, role string) error {
	if err := tx.Model(&Membership{}).Where("organisation_id = ? AND user_id = ?", orgID, userID).Update("role", role).Error; err != nil {
		return fmt.Errorf("accounts: unable to change role: %w", err)
	}
	return nil
}

// People returns the people with the given IDs, by ID; IDs with no account are left out.
func (d *Directory) People(db *gorm.DB, ids []string) (map[string]Person, error) {
	out := make(map[string]Person, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var users []User
	if err := db.Select("id, name, email, role, email_verified_at, deactivated_at").Where("id IN ?", ids).Find(&users).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to read users: %w", err)
	}
	for _, u := range users {
		out[u.ID] = personOf(u)
	}
	return out, nil
}

// PersonByEmail finds the person with the address (already normalised to lower case).
// Errors: not_found.
func (d *Directory) PersonByEmail(db *gorm.DB, email string) (Person, error) {
	var u User
	err := db.Select("id, name, email, role, email_verified_at, deactivated_at").Take(&u, "email = ?", email).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Person{}, ErrNoSuchPerson
	} else if err != nil {
		return Person{}, fmt.Errorf("accounts: unable to read user: %w", err)
	}
	return personOf(u), nil
}

func personOf(u User) Person {
	return Person{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role, CanEmail: u.EmailVerifiedAt != nil && u.DeactivatedAt == nil}
}

// CreateInvitedSupplier makes the account of someone joining an organisation from an emailed
// invitation, in tx: the link proved they receive email at the address, so it is confirmed.
func (d *Directory) CreateInvitedSupplier(tx *gorm.DB, email, name, passwordHash string, now time.Time) (Person, error) {
	u := User{ID: uuid.NewString(), Email: email, Name: name, Role: string(auth.RoleSupplier), PasswordHash: &passwordHash,
		EmailVerifiedAt: &now, PasswordChangedAt: &now, CreatedAt: now, UpdatedAt: now}
	if err := tx.Create(&u).Error; err != nil {
		return Person{}, fmt.Errorf("accounts: unable to create user: %w", err)
	}
	return personOf(u), nil
}

// Organisation returns one organisation.
// Errors: not_found.
func (d *Directory) Organisation(db *gorm.DB, id string) (Organisation, error) {
	var o Organisation
	if _, err := uuid.Parse(id); err != nil {
		return o, ErrNoSuchOrganisation
	}
	err := db.Take(&o, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return o, ErrNoSuchOrganisation
	} else if err != nil {
		return o, fmt.Errorf("accounts: unable to read organisation: %w", err)
	}
	return o, nil
}

// OrganisationNames returns the names of the organisations with the given IDs, by ID.
func (d *Directory) OrganisationNames(db *gorm.DB, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var orgs []Organisation
	if err := db.Select("id, name").Where("id IN ?", ids).Find(&orgs).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to read organisations: %w", err)
	}
	for _, o := range orgs {
		out[o.ID] = o.Name
	}
	return out, nil
}

// OrganisationName returns one organisation's name.
// Errors: not_found.
func (d *Directory) OrganisationName(db *gorm.DB, id string) (string, error) {
	o, err := d.Organisation(db, id)
	return o.Name, err
}

// SetLegalForm records what kind of body the organisation is, in tx.
func (d *Directory) SetLegalForm(tx *gorm.DB, orgID, legalForm string, now time.Time) error {
	if err := tx.Model(&Organisation{}).Where("id = ?", orgID).Updates(map[string]any{"legal_form": legalForm, "updated_at": now}).Error; err != nil {
		return fmt.Errorf("accounts: unable to save legal form: %w", err)
	}
	return nil
}

// OrganisationsQuery is the open organisations (id, name, legal_form) as a subquery, for a
// feature whose one statement must filter and sort its own rows by organisation name (the
// buyers' list of suppliers pages and searches thousands): join it as `JOIN (?) o ON o.id = …`.
// A closed organisation (its last member deleted their account) is left out: nobody is there to
// answer a buyer, though its records stay for the features that keep them.
func (d *Directory) OrganisationsQuery(db *gorm.DB) *gorm.DB {
	return db.Session(&gorm.Session{NewDB: true}).Model(&Organisation{}).Select("id, name, legal_form").Where("closed_at IS NULL")
}

// Staff returns the active (not switched off) accounts with any of the roles, by name then
// email, at most limit of them: the people a feature may offer for a council duty, such as an
// opening panel.
func (d *Directory) Staff(db *gorm.DB, roles []string, limit int) ([]Person, error) {
	if len(roles) == 0 {
		return []Person{}, nil
	}
	var users []User
	if err := db.Select("id, name, email, role, email_verified_at, deactivated_at").Where("role IN ? AND deactivated_at IS NULL", roles).
		Order("name, email").Limit(limit).Find(&users).Error; err != nil {
		return nil, fmt.Errorf("accounts: unable to read staff: %w", err)
	}
	out := make([]Person, 0, len(users))
	for _, u := range users {
		out = append(out, personOf(u))
	}
	return out, nil
}
