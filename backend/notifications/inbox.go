package notifications

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// NotificationView is one message in the inbox.
type NotificationView struct {
	ID            string     `json:"id"`
	Kind          Kind       `json:"kind" enum:"match,planned,amended,cancelled,reminder,invited,decision,applied,due,clarification,your_question,clarification_late"`
	Title         string     `json:"title"`
	Body          string     `json:"body"`
	Link          string     `json:"link" doc:"A path in the portal, such as /opportunities/{id}."`
	OpportunityID string     `json:"opportunityId,omitempty"`
	AlertName     string     `json:"alertName,omitempty" doc:"The alert that matched, for matches."`
	CreatedAt     time.Time  `json:"createdAt"`
	ReadAt        *time.Time `json:"readAt,omitempty"`
	// Deadline is the opportunity's deadline for bids now: the body keeps the words of the day it
	// was written, and a deadline may have moved since.
	Deadline *opportunities.Deadline `json:"deadline,omitempty" doc:"The opportunity's deadline for bids as it is now."`
	// DeadlineChanged says the deadline moved after this message was written, so a deadline in
	// its body is out of date.
	DeadlineChanged bool `json:"deadlineChanged" doc:"The deadline for bids moved after this message was written: any deadline in its body is the earlier one."`
}

// Inbox is one page of a person's notifications, newest first.
type Inbox struct {
	Items    []NotificationView `json:"items" nullable:"false"`
	Total    int64              `json:"total"`
	Unread   int64              `json:"unread"`
	Page     int                `json:"page"`
	PageSize int                `json:"pageSize"`
}

var errNotificationNotFound = apperr.New(apperr.NotFound, "There is no such message")

// ListInbox returns a page of the person's notifications (only unread ones if asked).
func (s *Service) ListInbox(ctx context.Context, p *auth.Principal, unreadOnly bool, page, pageSize int) (Inbox, error) {
	db := s.db.Gorm.WithContext(ctx)
	out := Inbox{Items: []NotificationView{}, Page: page, PageSize: pageSize}
	q := db.Model(&Notification{}).Where("user_id = ?", p.UserID)
	if unreadOnly {
		q = q.Where("read_at IS NULL")
	}
	if err := q.Count(&out.Total).Error; err != nil {
		return out, fmt.Errorf("notifications: unable to count inbox: %w", err)
	}
	unread, err := s.UnreadCount(ctx, p)
	if err != nil {
		return out, err
	}
	out.Unread = unread
	var rows []struct {
		Notification
		AlertName *string
	}
	q = db.Table("notifications n").Select("n.*, a.name AS alert_name").Joins("LEFT JOIN alerts a ON a.id = n.alert_id").Where("n.user_id = ?", p.UserID)
	if unreadOnly {
		q = q.Where("n.read_at IS NULL")
	}
	if err := q.Order("n.created_at DESC, n.id DESC").Offset(database.Offset(page, pageSize)).Limit(pageSize).Scan(&rows).Error; err != nil {
		return out, fmt.Errorf("notifications: unable to read inbox: %w", err)
	}
	var ids []string
	for _, r := range rows {
		if r.OpportunityID != nil && !slices.Contains(ids, *r.OpportunityID) {
			ids = append(ids, *r.OpportunityID)
		}
	}
	opps, err := s.opportunities.ByIDs(db, ids)
	if err != nil {
		return out, err
	}
	moved, err := s.opportunities.DeadlineMovedAt(db, ids)
	if err != nil {
		return out, err
	}
	for _, r := range rows {
		v := NotificationView{ID: r.ID, Kind: r.Kind, Title: r.Title, Body: r.Body, Link: r.Link,
			OpportunityID: deref(r.OpportunityID), AlertName: deref(r.AlertName), CreatedAt: r.CreatedAt, ReadAt: r.ReadAt}
		if o, ok := opps[v.OpportunityID]; ok {
			v.Deadline = opportunities.DeadlineOf(o.SubmissionDeadline)
			at, ok := moved[o.ID]
			v.DeadlineChanged = ok && at.After(r.CreatedAt)
		}
		out.Items = append(out.Items, v)
	}
	return out, nil
}

// UnreadCount is how many of the person's notifications are unread (for the inbox link).
func (s *Service) UnreadCount(ctx context.Context, p *auth.Principal) (int64, error) {
	var n int64
	if err := s.db.Gorm.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", p.UserID).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("notifications: unable to count unread: %w", err)
	}
	return n, nil
}

// MarkRead marks one notification read (id) or all of them (id empty).
func (s *Service) MarkRead(ctx context.Context, p *auth.Principal, id string) error {
	q := s.db.Gorm.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", p.UserID)
	if id != "" {
		if _, err := uuid.Parse(id); err != nil {
			return errNotificationNotFound
		}
		var n Notification
		if err := s.db.Gorm.WithContext(ctx).Take(&n, "id = ? AND user_id = ?", id, p.UserID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return errNotificationNotFound
			}
			return fmt.Errorf("notifications: unable to read notification: %w", err)
		}
		q = q.Where("id = ?", id)
	}
	if err := q.Update("read_at", s.stamp()).Error; err != nil {
		return fmt.Errorf("notifications: unable to mark read: %w", err)
	}
	return nil
}

// InterestView says whether the person has registered interest in an opportunity.
type InterestView struct {
	Registered bool       `json:"registered"`
	Since      *time.Time `json:"since,omitempty"`
}

// GetInterest says whether the person registered interest in the opportunity.
func (s *Service) GetInterest(ctx context.Context, p *auth.Principal, opportunityID string) (InterestView, error) {
	if err := supplierOnly(p); err != nil {
		return InterestView{}, err
	}
	var in Interest
	err := s.db.Gorm.WithContext(ctx).Take(&in, "opportunity_id = ? AND user_id = ?", opportunityID, p.UserID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return InterestView{}, nil
	}
	if err != nil {
		return InterestView{}, fmt.Errorf("notifications: unable to read interest: %w", err)
	}
	return InterestView{Registered: true, Since: &in.CreatedAt}, nil
}

// RegisterInterest records that the person wants to hear of changes to an open opportunity and
// to be reminded of its deadline, for the organisation orgID (see actsFor). Registering twice is
// harmless.
// Errors: not_found, invalid, forbidden.
func (s *Service) RegisterInterest(ctx context.Context, p *auth.Principal, opportunityID, orgID string) (InterestView, error) {
	if err := supplierOnly(p); err != nil {
		return InterestView{}, err
	}
	o, err := s.openOpportunity(ctx, opportunityID)
	if err != nil {
		return InterestView{}, err
	}
	now := s.stamp()
	err = s.db.Tx(ctx, func(tx *gorm.DB) error {
		org, err := s.actsFor(tx, p, orgID)
		if err != nil {
			return err
		}
		in := Interest{ID: uuid.NewString(), OpportunityID: o.ID, UserID: p.UserID, OrganisationID: org, CreatedAt: now}
		res := tx.Exec(`INSERT INTO opportunity_interests (id, opportunity_id, user_id, organisation_id, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (opportunity_id, user_id) DO NOTHING`, in.ID, in.OpportunityID, in.UserID, in.OrganisationID, in.CreatedAt)
		if res.Error != nil {
			return fmt.Errorf("notifications: unable to register interest: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "opportunity.interest_registered", SubjectType: "opportunity", SubjectID: o.ID,
			ClientIP: audit.ClientIP(ctx)})
	})
	if err != nil {
		return InterestView{}, err
	}
	return s.GetInterest(ctx, p, o.ID)
}

// WithdrawInterest stops the person hearing about the opportunity.
func (s *Service) WithdrawInterest(ctx context.Context, p *auth.Principal, opportunityID string) error {
	if err := supplierOnly(p); err != nil {
		return err
	}
	if err := s.db.Gorm.WithContext(ctx).Where("opportunity_id = ? AND user_id = ?", opportunityID, p.UserID).Delete(&Interest{}).Error; err != nil {
		return fmt.Errorf("notifications: unable to withdraw interest: %w", err)
	}
	return nil
}

// openOpportunity finds a published opportunity still open for bids.
func (s *Service) openOpportunity(ctx context.Context, id string) (opportunities.Opportunity, error) {
	notFound := apperr.New(apperr.NotFound, "There is no such opportunity")
	o, err := s.opportunities.Load(s.db.Gorm.WithContext(ctx), id)
	if opportunities.IsNotFound(err) {
		return o, notFound
	} else if err != nil {
		return o, err
	}
	switch {
	case o.Status == opportunities.StatusPlanned:
		return o, nil // interest in a planned procurement is how suppliers hear it has been published
	case o.Status != opportunities.StatusPublished:
		return o, notFound
	case o.SubmissionDeadline != nil && !o.SubmissionDeadline.After(s.now()):
		return o, apperr.New(apperr.Conflict, "This opportunity has closed: the deadline for bids has passed")
	}
	return o, nil
}

// Unsubscription is what an unsubscribe link stops.
type Unsubscription struct {
	Kind string `json:"kind" enum:"alert,interest" doc:"alert: emails for one alert; interest: updates about one opportunity."`
	// Name is the alert's name or the opportunity's title.
	Name string `json:"name"`
	// Done is true once the emails have stopped (also when they had already stopped).
	Done bool `json:"done"`
}

var errBadLink = apperr.New(apperr.NotFound, "This unsubscribe link is not valid. Sign in to change your alerts.")

// DescribeUnsubscribe says what token would stop, without stopping it.
func (s *Service) DescribeUnsubscribe(ctx context.Context, token string) (Unsubscription, error) {
	return s.unsubscribe(ctx, token, false)
}

// Unsubscribe stops what token names: deletes the alert, or withdraws the interest. It needs no
// sign-in (the token is the proof) and doing it twice is harmless.
func (s *Service) Unsubscribe(ctx context.Context, token string) (Unsubscription, error) {
	return s.unsubscribe(ctx, token, true)
}

func (s *Service) unsubscribe(ctx context.Context, token string, do bool) (Unsubscription, error) {
	kind, id, ok := s.readToken(token)
	if !ok {
		return Unsubscription{}, errBadLink
	}
	db := s.db.Gorm.WithContext(ctx)
	if kind == tokenAlert {
		var a Alert
		err := db.Take(&a, "id = ?", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Unsubscription{Kind: "alert", Done: true}, nil
		}
		if err != nil {
			return Unsubscription{}, fmt.Errorf("notifications: unable to read alert: %w", err)
		}
		if a.PausedAt != nil {
			return Unsubscription{Kind: "alert", Name: a.Name, Done: true}, nil
		}
		if !do {
			return Unsubscription{Kind: "alert", Name: a.Name}, nil
		}
		// Paused, not deleted: one click in an email should not lose the alert made from the
		// profile (made once per person) or one the person built with care.
		err = s.db.Tx(ctx, func(tx *gorm.DB) error {
			if err := tx.Model(&Alert{}).Where("id = ? AND paused_at IS NULL", a.ID).Update("paused_at", s.stamp()).Error; err != nil {
				return fmt.Errorf("notifications: unable to pause alert: %w", err)
			}
			return s.audit.Record(tx, audit.Event{ActorID: a.UserID, Action: "alert.unsubscribed", SubjectType: "alert", SubjectID: a.ID, ClientIP: audit.ClientIP(ctx)})
		})
		return Unsubscription{Kind: "alert", Name: a.Name, Done: err == nil}, err
	}
	var in Interest
	err := db.Take(&in, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Unsubscription{Kind: "interest", Done: true}, nil
	}
	if err != nil {
		return Unsubscription{}, fmt.Errorf("notifications: unable to read interest: %w", err)
	}
	o, err := s.opportunities.Load(db, in.OpportunityID)
	if opportunities.IsNotFound(err) {
		return Unsubscription{Kind: "interest", Done: true}, nil // the opportunity went, and its interest with it
	} else if err != nil {
		return Unsubscription{}, err
	}
	if !do {
		return Unsubscription{Kind: "interest", Name: o.Title}, nil
	}
	if err := db.Delete(&Interest{}, "id = ?", id).Error; err != nil {
		return Unsubscription{}, fmt.Errorf("notifications: unable to withdraw interest: %w", err)
	}
	return Unsubscription{Kind: "interest", Name: o.Title, Done: true}, nil
}
