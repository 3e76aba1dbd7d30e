package dps

import (
	"context"
	"fmt"
	"strings"

	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/audit"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/format"
	"gorm.io/gorm"
)

// QueueItem is one application waiting for a decision.
type QueueItem struct {
	ApplicationView
	Overdue bool `json:"overdue"`
	DueSoon bool `json:"dueSoon" doc:"Due within two working days."`
}

// Queue lists the applications waiting for a decision, overdue first, then soonest due.
func (s *Service) Queue(ctx context.Context, p *auth.Principal, dpsID string) ([]QueueItem, error) {
	db := s.db.Gorm.WithContext(ctx)
	q := db.Where("status = ?", AppSubmitted)
	if dpsID != "" {
		d, err := s.load(db, p, dpsID)
		if err != nil {
			return nil, err
		}
		q = q.Where("dps_id = ?", d.ID)
	}
	var apps []Application
	if err := q.Order("due_at, submitted_at").Limit(500).Find(&apps).Error; err != nil {
		return nil, fmt.Errorf("dps: unable to read the queue: %w", err)
	}
	out := []QueueItem{}
	dpss := map[string]DPS{}
	for _, a := range apps {
		d, ok := dpss[a.DPSID]
		if !ok {
			if err := db.Take(&d, "id = ?", a.DPSID).Error; err != nil {
				return nil, fmt.Errorf("dps: unable to read: %w", err)
			}
			dpss[a.DPSID] = d
		}
		v, err := s.applicationView(db, a, d)
		if err != nil {
			return nil, err
		}
		item := QueueItem{ApplicationView: v}
		if v.WorkingDaysLeft != nil {
			item.Overdue = s.now().After(*a.DueAt)
			item.DueSoon = !item.Overdue && *v.WorkingDaysLeft <= 2
		}
		out = append(out, item)
	}
	return out, nil
}

// Extend moves a pcr2015 application's decision to 15 working days after submission, once, with
// a recorded reason (regulation 34(15)). Dynamic markets have no extension.
func (s *Service) Extend(ctx context.Context, p *auth.Principal, id, reason string) (ApplicationView, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return ApplicationView{}, apperr.Field("reason", "Give the reason for taking longer; it is recorded and the supplier sees it")
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		a, d, err := s.loadApplication(tx, p, id)
		if err != nil {
			return err
		}
		switch {
		case d.Regime != RegimePCR2015:
			return apperr.New(apperr.Conflict, "Only a DPS under the 2015 Regulations can extend the time for a decision")
		case a.Status != AppSubmitted:
			return apperr.New(apperr.Conflict, "Only an application waiting for a decision can be extended")
		case a.Extended:
			return apperr.New(apperr.Conflict, "This application has already been extended to 15 working days")
		}
		due := s.cal.AddWorkingDays(*a.SubmittedAt, extendedDaysPCR)
		if err := tx.Model(&a).Updates(map[string]any{"due_at": due, "extended": true, "extension_reason": reason, "reminded_at": nil,
			"version": a.Version + 1, "updated_at": s.stamp()}).Error; err != nil {
			return fmt.Errorf("dps: unable to extend: %w", err)
		}
		return s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "dps.decision_extended", SubjectType: "dps_application", SubjectID: a.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"reason": reason}})
	})
	if err != nil {
		return ApplicationView{}, err
	}
	return s.GetApplication(ctx, p, id)
}

// DecisionInput decides one category.
type DecisionInput struct {
	CategoryID string `json:"categoryId" maxLength:"36"`
	Outcome    string `json:"outcome" enum:"admit,reject"`
	Reason     string `json:"reason,omitempty" maxLength:"5000" doc:"Required to reject: the supplier reads it as feedback."`
}

// Decide admits or rejects categories of the application that are waiting for a decision, and
// tells the supplier. A buyer may decide some now and the rest later (one category may need
// references checked while another is plain); the application is decided, and leaves the queue,
// when none is left waiting, and its decision stays due until then.
func (s *Service) Decide(ctx context.Context, p *auth.Principal, id string, in []DecisionInput) (ApplicationView, error) {
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		a, d, err := s.loadApplication(tx, p, id)
		if err != nil {
			return err
		}
		if a.Status != AppSubmitted {
			return apperr.New(apperr.Conflict, "Only an application waiting for a decision can be decided")
		}
		var cats []AppCategory
		if err := tx.Where("application_id = ?", a.ID).Find(&cats).Error; err != nil {
			return fmt.Errorf("dps: unable to read categories: %w", err)
		}
		waiting := map[string]bool{}
		for _, c := range cats {
			if c.Status == CatRequested {
				waiting[c.CategoryID] = true
			}
		}
		var errs apperr.Fields
		if len(in) == 0 {
			errs.Add("decisions", "Decide at least one category")
		}
		decided := map[string]DecisionInput{}
		for i, dec := range in {
			switch {
			case !waiting[dec.CategoryID]:
				errs.Add(fmt.Sprintf("decisions[%d].categoryId", i), "This category is not waiting for a decision on this application")
			case decided[dec.CategoryID].CategoryID != "":
				errs.Add(fmt.Sprintf("decisions[%d].categoryId", i), "Decide each category once")
			case dec.Outcome != "admit" && dec.Outcome != "reject":
				errs.Add(fmt.Sprintf("decisions[%d].outcome", i), "Choose admit or reject")
			case dec.Outcome == "reject" && strings.TrimSpace(dec.Reason) == "":
				errs.Add(fmt.Sprintf("decisions[%d].reason", i), "Give the reasons for rejecting: the supplier reads them as feedback")
			}
			decided[dec.CategoryID] = dec
		}
		if err := errs.Err(); err != nil {
			return err
		}
		now := s.stamp()
		var admitted, rejected, later, keys []string
		for _, c := range cats {
			name, err := categoryName(tx, c.CategoryID)
			if err != nil {
				return err
			}
			dec, ok := decided[c.CategoryID]
			if !ok {
				if waiting[c.CategoryID] {
					later = append(later, name)
				}
				continue
			}
			status := CatAdmitted
			if dec.Outcome == "reject" {
				status = CatRejected
			}
			if err := tx.Model(&AppCategory{}).Where("application_id = ? AND category_id = ?", a.ID, c.CategoryID).
				Updates(map[string]any{"status": status, "reason": strings.TrimSpace(dec.Reason), "decided_by": p.UserID, "decided_at": now}).Error; err != nil {
				return fmt.Errorf("dps: unable to record the decision: %w", err)
			}
			keys = append(keys, c.CategoryID)
			if status == CatAdmitted {
				admitted = append(admitted, name)
			} else {
				rejected = append(rejected, name)
			}
		}
		changes := map[string]any{"version": a.Version + 1, "updated_at": now}
		if len(later) == 0 {
			changes["status"], changes["decided_at"] = AppDecided, now
		}
		if err := tx.Model(&a).Updates(changes).Error; err != nil {
			return fmt.Errorf("dps: unable to record the decision: %w", err)
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "dps.application_decided", SubjectType: "dps_application", SubjectID: a.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"admitted": len(admitted), "rejected": len(rejected), "waiting": len(later)}}); err != nil {
			return err
		}
		body := ""
		if len(admitted) > 0 {
			body += "You are admitted to: " + strings.Join(admitted, ", ") + ". You will be invited to every call for competition in these categories. "
		}
		if len(rejected) > 0 {
			// A refusal says what the supplier can do about it: a DPS must take applications at any
			// time while it is open, so they need not wait for a window.
			body += "You were not admitted to: " + strings.Join(rejected, ", ") + ". The reasons are on your application. " +
				"To ask about the decision, email " + s.cfg.ProcurementEmail + ". You can apply again at any time while the DPS is open, " +
				"for example once you have what was missing. "
		}
		if len(later) > 0 {
			body += "We are still considering: " + strings.Join(later, ", ") + "; we will tell you when we have decided."
		}
		// Each decision is its own notice: a later one, on the categories left, must not be taken
		// for a repeat of the first.
		return s.tellOrganisation(ctx, tx, a.OrganisationID, "decision:"+a.ID+":"+strings.Join(keys, ","), notifications.KindDecision, "",
			"Decision on your application to "+d.Title, strings.TrimSpace(body), "/dps-applications/"+a.ID)
	})
	if err != nil {
		return ApplicationView{}, err
	}
	return s.GetApplication(ctx, p, id)
}

// ChangeMembership suspends, reinstates or removes an admitted supplier from a category, with a
// reason the supplier is told.
func (s *Service) ChangeMembership(ctx context.Context, p *auth.Principal, applicationID, categoryID, action, reason string) (ApplicationView, error) {
	reason = strings.TrimSpace(reason)
	to := map[string]CategoryStatus{"suspend": CatSuspended, "remove": CatRemoved, "reinstate": CatAdmitted}[action]
	if to == "" {
		return ApplicationView{}, apperr.Field("action", "Choose suspend, reinstate or remove")
	}
	if reason == "" {
		return ApplicationView{}, apperr.Field("reason", "Give the reason; the supplier is told it")
	}
	err := s.db.Tx(ctx, func(tx *gorm.DB) error {
		a, d, err := s.loadApplication(tx, p, applicationID)
		if err != nil {
			return err
		}
		var c AppCategory
		if err := tx.Take(&c, "application_id = ? AND category_id = ?", a.ID, categoryID).Error; err != nil {
			return apperr.New(apperr.NotFound, "That supplier did not apply for that category")
		}
		from := map[string]CategoryStatus{"suspend": CatAdmitted, "remove": "", "reinstate": CatSuspended}[action]
		if (from != "" && c.Status != from) || (action == "remove" && c.Status != CatAdmitted && c.Status != CatSuspended) {
			return apperr.New(apperr.Conflict, "The supplier's membership of this category is "+string(c.Status))
		}
		now := s.stamp()
		if err := tx.Model(&AppCategory{}).Where("application_id = ? AND category_id = ?", a.ID, categoryID).
			Updates(map[string]any{"status": to, "reason": reason, "decided_by": p.UserID, "decided_at": now}).Error; err != nil {
			return fmt.Errorf("dps: unable to change membership: %w", err)
		}
		name, err := categoryName(tx, categoryID)
		if err != nil {
			return err
		}
		if err := s.audit.Record(tx, audit.Event{ActorID: p.UserID, Action: "dps.membership_" + action, SubjectType: "dps_application", SubjectID: a.ID,
			ClientIP: audit.ClientIP(ctx), Details: map[string]any{"category": categoryID}}); err != nil {
			return err
		}
		word := map[string]string{"suspend": "suspended from", "remove": "removed from", "reinstate": "reinstated to"}[action]
		return s.tellOrganisation(ctx, tx, a.OrganisationID, fmt.Sprintf("membership:%s:%s:%s", a.ID, categoryID, now.Format("20060102150405.000000")),
			notifications.KindDecision, "", fmt.Sprintf("You have been %s %s", word, name), fmt.Sprintf("%s, %s. Reason: %s", d.Title, name, reason),
			"/dps-applications/"+a.ID)
	})
	if err != nil {
		return ApplicationView{}, err
	}
	return s.GetApplication(ctx, p, applicationID)
}

// tellOrganisation notifies every member of an organisation, by inbox and email. It runs in tx
// only to read the members: the notices are written through the notification service, and a
// rerun writes nothing twice.
func (s *Service) tellOrganisation(ctx context.Context, tx *gorm.DB, org, key string, kind notifications.Kind, opportunityID, title, body, link string) error {
	users, err := s.accounts.MemberIDs(tx, []string{org})
	if err != nil {
		return err
	}
	var notices []notifications.Notice
	for _, u := range users {
		notices = append(notices, notifications.Notice{UserID: u, DedupeKey: key, Kind: kind, OpportunityID: opportunityID, Title: title, Body: body, Link: link, Email: true})
	}
	return s.notify.NotifyTx(ctx, tx, notices)
}

// RemindDue tells each DPS's owner about applications due within two working days, once per
// application (again after an extension). It returns how many it told.
func (s *Service) RemindDue(ctx context.Context) (int, error) {
	var apps []Application
	if err := s.db.Gorm.WithContext(ctx).Where("status = ? AND reminded_at IS NULL", AppSubmitted).Find(&apps).Error; err != nil {
		return 0, fmt.Errorf("dps: unable to read applications: %w", err)
	}
	n := 0
	for _, a := range apps {
		left := s.cal.WorkingDaysBetween(s.now(), *a.DueAt)
		if left > 2 {
			continue
		}
		err := s.db.Tx(ctx, func(tx *gorm.DB) error {
			var d DPS
			if err := tx.Take(&d, "id = ?", a.DPSID).Error; err != nil {
				return err
			}
			org, err := s.accounts.OrganisationName(tx, a.OrganisationID)
			if err != nil {
				return err
			}
			when := "in 2 working days"
			switch {
			case left == 1:
				when = "tomorrow (1 working day)"
			case left <= 0:
				when = "today or is overdue"
			}
			if err := tx.Model(&a).Update("reminded_at", s.stamp()).Error; err != nil {
				return err
			}
			return s.notify.NotifyTx(ctx, tx, []notifications.Notice{{UserID: d.CreatedBy, DedupeKey: fmt.Sprintf("due:%s:%d", a.ID, a.DueAt.Unix()),
				Kind: notifications.KindDue, Title: "Decision due " + when + ": " + org,
				Body: fmt.Sprintf("%s applied to %s. A decision is due by %s.", org, d.Title, format.Date(*a.DueAt)),
				Link: "/dps-applications/" + a.ID, Email: true}})
		})
		if err != nil {
			return n, fmt.Errorf("dps: unable to remind: %w", err)
		}
		n++
	}
	return n, nil
}

// categoryName is the name of a category, for what the supplier is told. A read that fails ends
// the transaction rather than telling the supplier about a category with no name.
func categoryName(tx *gorm.DB, id string) (string, error) {
	var name string
	if err := tx.Model(&Category{}).Where("id = ?", id).Pluck("name", &name).Error; err != nil {
		return "", fmt.Errorf("dps: unable to read category: %w", err)
	}
	return name, nil
}
