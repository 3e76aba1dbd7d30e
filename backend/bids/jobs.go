package bids

import (
	"context"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/notifications"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/riverqueue/river"
)

// reminders are how long before the deadline people with an unsubmitted bid are reminded. Only
// the nearest one still ahead is sent, so a bid started three hours before the deadline gets the
// last reminder, not both.
var reminders = []time.Duration{4 * time.Hour, 48 * time.Hour}

// RemindArgs asks for reminders to everyone with a bid not submitted as its deadline nears.
type RemindArgs struct{}

// Kind names the job for River.
func (RemindArgs) Kind() string { return "bids_remind_drafts" }

type remindWorker struct {
	river.WorkerDefaults[RemindArgs]
	svc *Service
}

func (w *remindWorker) Work(ctx context.Context, _ *river.Job[RemindArgs]) error {
	_, err := w.svc.RemindDrafts(ctx)
	return err
}

// AddWorkers registers the bids' job workers.
func (s *Service) AddWorkers(workers *river.Workers) { river.AddWorker(workers, &remindWorker{svc: s}) }

// PeriodicJobs are the scheduled ones: a look every ten minutes for drafts whose deadline is
// within 48 or 4 hours.
func (s *Service) PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return RemindArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
	}
}

// RemindDrafts tells every member of an organisation whose bid is not submitted (a draft, or
// withdrawn) that the deadline is within 48 hours, then within 4 hours, in the inbox and by
// email; each reminder goes once (its key is the bid and the window). It returns how many
// notices were new.
func (s *Service) RemindDrafts(ctx context.Context) (int64, error) {
	db := s.db.Gorm.WithContext(ctx)
	var rows []bid
	if err := db.Select("id, reference, opportunity_id, organisation_id").Where("status IN ?", []BidStatus{StatusDraft, StatusWithdrawn}).
		Find(&rows).Error; err != nil {
		return 0, fmt.Errorf("bids: unable to read drafts: %w", err)
	}
	now := s.stamp()
	var notices []notifications.Notice
	for _, b := range rows {
		o, err := s.opps.GetOpportunity(ctx, nil, b.OpportunityID)
		if err != nil || !open(o, now) {
			continue // not found or closed: nothing to remind of
		}
		left := o.SubmissionDeadline.At.Sub(now)
		var window time.Duration
		for _, r := range reminders {
			if left <= r {
				window = r
				break
			}
		}
		if window == 0 {
			continue
		}
		members, err := s.dir.Members(db, b.OrganisationID)
		if err != nil {
			return 0, err
		}
		for _, m := range members {
			notices = append(notices, notifications.Notice{UserID: m.ID, DedupeKey: fmt.Sprintf("bid_reminder_%dh:%s", int(window.Hours()), b.ID),
				Kind: notifications.KindReminder, OpportunityID: o.ID, Link: "/bids/" + b.ID, Email: true,
				Title: "Your bid for " + o.Title + " is not submitted",
				Body: "Bids close at " + format.DateTime(o.SubmissionDeadline.At) + ". Your organisation's bid " + b.Reference +
					" has not been submitted: submit it before then, or it will not be considered."})
		}
	}
	if len(notices) == 0 {
		return 0, nil
	}
	return s.notify.Notify(ctx, notices)
}
