package dps

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// InviteArgs asks for the members to be invited to a published call for competition.
type InviteArgs struct {
	OpportunityID string `json:"opportunityId"`
}

// Kind names the job for River.
func (InviteArgs) Kind() string { return "dps_invite" }

// RemindDueArgs asks for buyers to be reminded of applications falling due.
type RemindDueArgs struct{}

// Kind names the job for River.
func (RemindDueArgs) Kind() string { return "dps_remind_due" }

type inviteWorker struct {
	river.WorkerDefaults[InviteArgs]
	svc *Service
}

func (w *inviteWorker) Work(ctx context.Context, job *river.Job[InviteArgs]) error {
	_, err := w.svc.Invite(ctx, job.Args.OpportunityID)
	return err
}

type remindWorker struct {
	river.WorkerDefaults[RemindDueArgs]
	svc *Service
}

func (w *remindWorker) Work(ctx context.Context, _ *river.Job[RemindDueArgs]) error {
	_, err := w.svc.RemindDue(ctx)
	return err
}

// AddWorkers registers the DPS jobs' workers.
func (s *Service) AddWorkers(workers *river.Workers) {
	river.AddWorker(workers, &inviteWorker{svc: s})
	river.AddWorker(workers, &remindWorker{svc: s})
}

// PeriodicJobs: buyers are reminded of applications falling due, checked every hour.
func (s *Service) PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return RemindDueArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})}
}
