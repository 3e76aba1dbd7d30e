package evaluation_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/app/apptest"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/google/uuid"
)

// BenchmarkEvaluatorPages measures, for an opportunity with 200 bids, 12 scored questions and 3
// evaluators (every mark submitted but the measured evaluator's last 100 bids), the evaluator's
// next-bid page (GET /api/v1/evaluation/bids/{id}/marks) and the moderator's spread page (GET
// …/evaluation/moderation, every bid and question), each as p50 and p95 over the runs. Beside
// them, the floor in the same run: GET /api/v1/me, the cheapest signed-in request.
//
//	go test -run '^$' -bench BenchmarkEvaluatorPages -benchtime 50x ./backend/evaluation/
func BenchmarkEvaluatorPages(b *testing.B) {
	const bidsN, questionsN = 200, 12
	p := apptest.Start(b, apptest.Options{})
	p.Clock.Freeze()
	buyer := p.Buyer(b, "buyer@council.example")
	var evaluators []accounts.User
	for i := range 5 {
		email := fmt.Sprintf("officer%d@council.example", i)
		u := p.CreateStaff(b, accounts.CreateUserInput{Email: email, Name: fmt.Sprintf("Officer %d", i), Role: string(auth.RoleEvaluator), Password: apptest.Password})
		if err := p.App.Accounts.SetUpDemoTwoStep(context.Background(), email, apptest.TwoStepSecret); err != nil {
			b.Fatal(err)
		}
		evaluators = append(evaluators, u)
	}
	now := p.Clock.Now()
	deadline := now.Add(30 * 24 * time.Hour).Truncate(time.Second)
	r := buyer.Do("POST", "/api/v1/opportunities", map[string]any{
		"title": "Home care", "summary": "Care at home for older residents.", "description": "Home care across the borough.",
		"procedure": "open_tender", "cpvCodes": []string{"85310000-5"}, "estimatedValuePence": 90000000, "contractMonths": 36,
		"placeOfDelivery": "E09000007", "suitableForSmes": true, "reserved": "none",
		"clarificationDeadline": rfc(now.Add(20 * 24 * time.Hour)), "submissionDeadline": rfc(deadline),
		"expectedAwardOn": now.Add(60 * 24 * time.Hour).Format("2006-01-02"),
		"criteria": []map[string]any{{"name": "Price", "kind": "price", "weightBp": 4000}, {"name": "Quality", "kind": "quality", "weightBp": 4000},
			{"name": "Social value", "kind": "social_value", "weightBp": 2000}},
	})
	want(b, r, 201)
	oppID := r.JSON()["id"].(string)
	qs := []map[string]any{}
	for i := range questionsN {
		share := 833
		if i == questionsN-1 {
			share = 10000 - 833*(questionsN-1)
		}
		qs = append(qs, map[string]any{"kind": "text", "title": fmt.Sprintf("Question %d", i+1), "wordLimit": 500, "criterion": "Quality", "weightShareBp": share})
	}
	want(b, buyer.Do("PUT", "/api/v1/opportunities/"+oppID+"/response-form", map[string]any{"questions": qs}), 200)
	form := buyer.Do("GET", "/api/v1/opportunities/"+oppID+"/response-form", nil).JSON()["questions"].([]any)
	want(b, buyer.Do("PUT", "/api/v1/opportunities/"+oppID+"/opening-panel", map[string]any{"userIds": []string{evaluators[0].ID, evaluators[1].ID}}), 200)
	want(b, buyer.Do("POST", "/api/v1/opportunities/"+oppID+"/publish", nil), 200)
	c := p.Supplier(b, accounts.RegisterInput{Email: "first@bidder.example", OrganisationName: "First Bidder"})
	r = c.Do("POST", "/api/v1/opportunities/"+oppID+"/bids", map[string]any{})
	want(b, r, 201)
	firstBid := r.JSON()["id"].(string)
	c.Header = map[string]string{"Idempotency-Key": "k1"}
	want(b, c.Do("POST", "/api/v1/bids/"+firstBid+"/submit", nil), 200)

	// 199 more bids: copies of the first (their content is not read by the pages measured).
	db := p.App.DB
	var orgs, bids [][]any
	for i := 1; i < bidsN; i++ {
		org := uuid.NewString()
		orgs = append(orgs, []any{org, fmt.Sprintf("Bidder %03d", i), "ltd", now, now})
		bids = append(bids, []any{uuid.NewString(), fmt.Sprintf("BID-B%03d-COPY", i), org})
	}
	dbtest.BulkInsert(b, db, "organisations", "id, name, legal_form, created_at, updated_at", orgs)
	for _, row := range bids {
		if err := db.Gorm.Exec(`INSERT INTO bids (id, reference, opportunity_id, organisation_id, status, lot_ids, version, wrapped_key, created_by, created_at,
			submitted_version, submitted_at, receipt_hash) SELECT ?, ?, opportunity_id, ?, status, lot_ids, version, wrapped_key, created_by, created_at,
			submitted_version, submitted_at, receipt_hash FROM bids WHERE id = ?`, row[0], row[1], row[2], firstBid).Error; err != nil {
			b.Fatal(err)
		}
		if err := db.Gorm.Exec(`INSERT INTO bid_submissions (bid_id, version, sealed, receipt, receipt_hash, submitted_by, submitted_at)
			SELECT ?, version, sealed, receipt, receipt_hash, submitted_by, submitted_at FROM bid_submissions WHERE bid_id = ?`, row[0], firstBid).Error; err != nil {
			b.Fatal(err)
		}
	}
	p.Clock.Advance(deadline.Sub(p.Clock.Now()) + time.Millisecond)
	for _, u := range evaluators[:2] {
		cl := p.SignedIn(b, u.Email, apptest.Password)
		p.Clock.Advance(30 * time.Second)
		want(b, cl.Do("POST", "/api/v1/opportunities/"+oppID+"/opening", map[string]any{"password": apptest.Password,
			"code": apptest.TwoStepCode(b, apptest.TwoStepSecret, p.Clock.Now())}), 200)
	}
	buyer = p.SignedIn(b, "buyer@council.example", apptest.Password)
	seats := []map[string]any{{"userId": evaluators[3].ID, "role": "moderator"}, {"userId": evaluators[4].ID, "role": "price"}}
	for _, u := range evaluators[:3] {
		seats = append(seats, map[string]any{"userId": u.ID, "role": "evaluator"})
	}
	want(b, buyer.Do("PUT", "/api/v1/opportunities/"+oppID+"/evaluation/panel", map[string]any{"seats": seats}), 200)
	clients := map[string]*apptest.Client{}
	for _, u := range evaluators {
		clients[u.ID] = p.SignedIn(b, u.Email, apptest.Password)
		want(b, clients[u.ID].Do("POST", "/api/v1/opportunities/"+oppID+"/evaluation/declaration", map[string]any{"conflict": false}), 200)
	}
	r = buyer.Do("POST", "/api/v1/opportunities/"+oppID+"/evaluation/start", nil)
	want(b, r, 200)
	var bidIDs []string
	for _, x := range r.JSON()["bids"].([]any) {
		bidIDs = append(bidIDs, x.(map[string]any)["id"].(string))
	}
	if len(bidIDs) != bidsN {
		b.Fatalf("%d bids in the evaluation, want %d", len(bidIDs), bidsN)
	}
	var marks [][]any
	for i, bid := range bidIDs {
		for k, u := range evaluators[:3] {
			if k == 0 && i >= bidsN/2 {
				continue // the measured evaluator is half way
			}
			for _, q := range form {
				marks = append(marks, []any{bid, q.(map[string]any)["id"], u.ID, 3, "The answer covers the requirement with a worked example.", now, now})
			}
		}
	}
	dbtest.BulkInsert(b, db, "evaluation_marks", "bid_id, question_id, evaluator_id, mark, justification, saved_at, submitted_at", marks)

	ev, mod := clients[evaluators[0].ID], clients[evaluators[3].ID]
	var next, spread, floor []time.Duration
	i := 0
	for b.Loop() {
		t0 := time.Now()
		want(b, ev.Do("GET", "/api/v1/evaluation/bids/"+bidIDs[bidsN/2+i%(bidsN/2)]+"/marks", nil), 200)
		next = append(next, time.Since(t0))
		t0 = time.Now()
		want(b, mod.Do("GET", "/api/v1/opportunities/"+oppID+"/evaluation/moderation", nil), 200)
		spread = append(spread, time.Since(t0))
		t0 = time.Now()
		want(b, ev.Do("GET", "/api/v1/me", nil), 200)
		floor = append(floor, time.Since(t0))
		i++
	}
	b.ReportMetric(ms(pct(next, 50)), "next-bid-p50-ms")
	b.ReportMetric(ms(pct(next, 95)), "next-bid-p95-ms")
	b.ReportMetric(ms(pct(spread, 50)), "spread-p50-ms")
	b.ReportMetric(ms(pct(spread, 95)), "spread-p95-ms")
	b.ReportMetric(ms(pct(floor, 95)), "floor-me-p95-ms")
}

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
