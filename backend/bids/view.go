package bids

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/fairtender/fairtender/backend/opportunities"
	"github.com/fairtender/fairtender/backend/platform/format"
	"github.com/fairtender/fairtender/backend/platform/sealing"
	"gorm.io/gorm"
)

// storedAnswer is an answer opened, with who saved it.
type storedAnswer struct {
	Answer
	UpdatedBy string    `json:"updatedBy"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// snapshot is a submitted version as frozen (sealed as one JSON value): the answers as they
// were and the documents it named.
type snapshot struct {
	LotIDs      []string       `json:"lotIds"`
	Answers     []storedAnswer `json:"answers"`
	DocumentIDs []string       `json:"documentIds"`
}

// draftAnswers opens the draft's answers.
func draftAnswers(db *gorm.DB, dk *sealing.DataKey, bidID string) ([]storedAnswer, error) {
	var rows []answerRow
	if err := db.Where("bid_id = ?", bidID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read answers: %w", err)
	}
	out := make([]storedAnswer, 0, len(rows))
	for _, r := range rows {
		raw, err := dk.Open(r.Sealed)
		if err != nil {
			return nil, fmt.Errorf("bids: unable to open an answer of bid %s: %w", bidID, err)
		}
		a := storedAnswer{UpdatedBy: r.UpdatedBy, UpdatedAt: r.UpdatedAt}
		if err := json.Unmarshal(raw, &a.Answer); err != nil {
			return nil, fmt.Errorf("bids: unable to read an answer of bid %s: %w", bidID, err)
		}
		out = append(out, a)
	}
	return out, nil
}

// draftDocuments are the documents in the draft now.
func draftDocuments(db *gorm.DB, bidID string) ([]documentRow, error) {
	var rows []documentRow
	if err := db.Where("bid_id = ? AND removed_at IS NULL", bidID).Order("uploaded_at, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read documents: %w", err)
	}
	return rows, nil
}

// documentsByID reads documents by ID, in the order given.
func documentsByID(db *gorm.DB, ids []string) ([]documentRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []documentRow
	if err := db.Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read documents: %w", err)
	}
	byID := map[string]documentRow{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	out := make([]documentRow, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// view is the bid's draft as its organisation sees it.
func (s *Service) view(ctx context.Context, b bid, o opportunities.OpportunityView) (BidView, error) {
	db := s.db.Gorm.WithContext(ctx)
	dk, err := s.key(b)
	if err != nil {
		return BidView{}, err
	}
	answers, err := draftAnswers(db, dk, b.ID)
	if err != nil {
		return BidView{}, err
	}
	docs, err := draftDocuments(db, b.ID)
	if err != nil {
		return BidView{}, err
	}
	v, err := s.build(ctx, db, dk, b, o, decodeLots(b.LotIDs), answers, docs)
	if err != nil {
		return BidView{}, err
	}
	v.EarlierVersions, err = earlierVersions(db, b)
	return v, err
}

// earlierVersions are the versions of b submitted before the latest, oldest first: the bidder's
// page links each one's receipt. The bid's version counts every save, so they cannot be worked
// out from the latest.
func earlierVersions(db *gorm.DB, b bid) ([]int, error) {
	out := []int{}
	q := db.Model(&submissionRow{}).Where("bid_id = ?", b.ID)
	if b.SubmittedVersion != nil {
		q = q.Where("version <> ?", *b.SubmittedVersion)
	}
	if err := q.Order("version").Pluck("version", &out).Error; err != nil {
		return nil, fmt.Errorf("bids: unable to read the versions submitted: %w", err)
	}
	return out, nil
}

// submittedView is the version of the bid that counts, as the council reads it after opening.
func (s *Service) submittedView(ctx context.Context, b bid, o opportunities.OpportunityView) (BidView, error) {
	db := s.db.Gorm.WithContext(ctx)
	dk, err := s.key(b)
	if err != nil {
		return BidView{}, err
	}
	snap, _, err := s.loadSnapshot(db, dk, b, *b.SubmittedVersion)
	if err != nil {
		return BidView{}, err
	}
	docs, err := documentsByID(db, snap.DocumentIDs)
	if err != nil {
		return BidView{}, err
	}
	f, qs, _, err := loadForm(db, o.ID)
	if err != nil {
		return BidView{}, err
	}
	answers := snap.Answers
	open, err := pricesOpen(db, o.ID, f.TwoStage)
	if err != nil {
		return BidView{}, err
	}
	sealed := !open
	if sealed {
		// Two-stage opening: the price envelope stays sealed from the council until the panel's
		// second step (ConfirmPrices, behind any PriceGate), so prices cannot sway the scores.
		price := priceQuestions(qs)
		answers = slices.DeleteFunc(slices.Clone(answers), func(a storedAnswer) bool { return price[a.QuestionID] })
		docs = slices.DeleteFunc(docs, func(d documentRow) bool { return price[d.QuestionID] })
	}
	v, err := s.build(ctx, db, dk, b, o, snap.LotIDs, answers, docs)
	// What a draft lacks means nothing in a submitted version.
	v.Version, v.PricesSealed, v.Missing = *b.SubmittedVersion, sealed, []Missing{}
	// Evaluators see that the version was made before an amendment even once the bidder has
	// confirmed it stands, and the confirmation in the council's words.
	if b.FirstBeforeAmendment != nil {
		v.SubmittedBeforeAmendment = b.FirstBeforeAmendment
	}
	if c := v.StandsConfirmed; c != nil {
		c.Text = fmt.Sprintf("The bidder confirmed on %s at %s that the bid stands after amendment %d", format.Date(c.At), format.Time(c.At), c.AfterAmendment)
	}
	if sealed {
		v.Totals = []LotTotal{}
	}
	return v, err
}

// priceQuestions are the IDs of the questions in the price envelope.
func priceQuestions(qs []BidFormQuestion) map[string]bool {
	out := map[string]bool{}
	for _, q := range qs {
		out[q.ID] = q.Envelope == EnvelopePrice
	}
	return out
}

func (s *Service) loadSnapshot(db *gorm.DB, dk *sealing.DataKey, b bid, version int) (snapshot, submissionRow, error) {
	var row submissionRow
	if err := db.Take(&row, "bid_id = ? AND version = ?", b.ID, version).Error; err != nil {
		return snapshot{}, row, fmt.Errorf("bids: unable to read submitted version %d of bid %s: %w", version, b.ID, err)
	}
	raw, err := dk.Open(row.Sealed)
	if err != nil {
		return snapshot{}, row, fmt.Errorf("bids: unable to open submitted version %d of bid %s: %w", version, b.ID, err)
	}
	var snap snapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return snapshot{}, row, fmt.Errorf("bids: unable to read submitted version %d of bid %s: %w", version, b.ID, err)
	}
	return snap, row, nil
}

// build assembles a view: answers with word counts and names, documents, what is missing and
// the totals per lot.
func (s *Service) build(ctx context.Context, db *gorm.DB, dk *sealing.DataKey, b bid, o opportunities.OpportunityView, lots []string,
	answers []storedAnswer, docs []documentRow) (BidView, error) {
	_, qs, _, err := loadForm(db, o.ID)
	if err != nil {
		return BidView{}, err
	}
	ids := []string{}
	for _, a := range answers {
		ids = append(ids, a.UpdatedBy)
	}
	for _, d := range docs {
		ids = append(ids, d.UploadedBy)
	}
	if b.LastChangeBy != nil {
		ids = append(ids, *b.LastChangeBy)
	}
	if b.ConfirmedBy != nil {
		ids = append(ids, *b.ConfirmedBy)
	}
	people, err := s.dir.People(db, ids)
	if err != nil {
		return BidView{}, err
	}
	orgName, err := s.dir.OrganisationName(db, b.OrganisationID)
	if err != nil {
		return BidView{}, err
	}
	v := BidView{ID: b.ID, Reference: b.Reference, OpportunityID: o.ID, OpportunityTitle: o.Title, OrganisationID: b.OrganisationID,
		OrganisationName: orgName, Status: b.Status, StatusText: statusText[b.Status], LotIDs: lots, Version: b.Version, Deadline: deadline(o),
		Answers: []BidAnswer{}, Documents: []BidDocument{}, Missing: []Missing{}, Totals: []LotTotal{}, EarlierVersions: []int{},
		SubmittedAt: b.SubmittedAt, SubmittedVersion: b.SubmittedVersion, SubmittedBeforeAmendment: b.BeforeAmendment, ReceiptHash: b.ReceiptHash}
	if b.ConfirmedAmendment != nil && b.ConfirmedAt != nil && b.ConfirmedBy != nil {
		v.StandsConfirmed = &StandsConfirmation{AfterAmendment: *b.ConfirmedAmendment, At: *b.ConfirmedAt, By: people[*b.ConfirmedBy].Name,
			Text: fmt.Sprintf("You confirmed on %s at %s that your bid stands after amendment %d", format.Date(*b.ConfirmedAt), format.Time(*b.ConfirmedAt), *b.ConfirmedAmendment)}
	}
	if b.LastChangeBy != nil && b.LastChangeAt != nil {
		v.LastChange = &LastChange{By: people[*b.LastChangeBy].Name, At: *b.LastChangeAt, QuestionID: b.LastChangeQuestion}
	}
	byQ := map[string]storedAnswer{}
	for _, a := range answers {
		byQ[a.QuestionID] = a
	}
	for _, q := range qs {
		a, ok := byQ[q.ID]
		if !ok {
			continue
		}
		v.Answers = append(v.Answers, BidAnswer{QuestionID: a.QuestionID, PassFail: a.PassFail, Text: a.Text, WordCount: wordCount(a.Text),
			Prices: nonNil(a.Prices), Lines: nonNil(a.Lines), UpdatedBy: people[a.UpdatedBy].Name, UpdatedAt: a.UpdatedAt})
	}
	docsByQ := map[string]int{}
	for _, d := range docs {
		name, err := dk.Open(d.Filename)
		if err != nil {
			return BidView{}, fmt.Errorf("bids: unable to open a document name of bid %s: %w", b.ID, err)
		}
		docsByQ[d.QuestionID]++
		v.Documents = append(v.Documents, BidDocument{ID: d.ID, QuestionID: d.QuestionID, Filename: string(name), Size: d.SizeBytes, SHA256: d.SHA256,
			ContentType: d.ContentType, UploadedAt: d.UploadedAt, UploadedBy: people[d.UploadedBy].Name})
	}
	v.Missing = missing(o, qs, lots, byQ, docsByQ)
	v.Totals = totals(o, qs, lots, byQ)
	return v, nil
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// missing lists what the bid needs before it can be submitted, in the form's order; field is
// the bid page's anchor for the question.
func missing(o opportunities.OpportunityView, qs []BidFormQuestion, lots []string, answers map[string]storedAnswer, docs map[string]int) []Missing {
	out := []Missing{}
	if len(o.Lots) > 0 && len(lots) == 0 {
		out = append(out, Missing{Field: "lotIds", Message: "Choose at least one lot to bid for"})
	}
	for i, q := range qs {
		a, has := answers[q.ID]
		add := func(field, msg string) {
			out = append(out, Missing{QuestionID: q.ID, Field: fmt.Sprintf("questions[%d].%s", i, field), Message: fmt.Sprintf("Question %d: %s", q.Number, msg)})
		}
		switch q.Kind {
		case KindText, KindSocialValue:
			if n := wordCount(a.Text); n > q.WordLimit {
				add("text", fmt.Sprintf("your answer has %d words, more than the limit of %d", n, q.WordLimit))
			} else if q.Required && n == 0 {
				add("text", "answer "+q.Title)
			}
		case KindPassFail:
			if q.Required && (!has || a.PassFail == "") {
				add("passFail", "answer yes or no")
			}
		case KindDocument:
			if docs[q.ID] > q.MaxFiles {
				add("documents", fmt.Sprintf("upload at most %d files", q.MaxFiles))
			} else if q.Required && docs[q.ID] == 0 {
				add("documents", "upload "+q.Title)
			}
		case KindPrice:
			if !q.Required {
				continue
			}
			for _, lot := range lotsOrNone(o, lots) {
				if !priced(q, a.Answer, lot) {
					msg := "give your price"
					if lot != "" {
						msg = "give your price for " + lotTitle(o, lot)
					}
					add("prices", msg)
				}
			}
		}
	}
	return out
}

func lotsOrNone(o opportunities.OpportunityView, lots []string) []string {
	if len(o.Lots) == 0 {
		return []string{""}
	}
	return lots
}

func lotTitle(o opportunities.OpportunityView, id string) string {
	for _, l := range o.Lots {
		if l.ID == id {
			return l.Title
		}
	}
	return "the lot"
}

// priced reports whether a gives q's price for lot: its price, or every line of the schedule.
func priced(q BidFormQuestion, a Answer, lot string) bool {
	if q.PriceMode == "per_lot" {
		for _, p := range a.Prices {
			if p.LotID == lot {
				return true
			}
		}
		return false
	}
	for _, l := range q.ScheduleLines {
		found := false
		for _, p := range a.Lines {
			found = found || (p.LineID == l.ID && p.LotID == lot)
		}
		if !found {
			return false
		}
	}
	return true
}

// totals works out the price of each lot bid for: per-lot prices plus quantity × unit price of
// each schedule line, each line rounded to the penny (half a penny up).
func totals(o opportunities.OpportunityView, qs []BidFormQuestion, lots []string, answers map[string]storedAnswer) []LotTotal {
	sum := map[string]int64{}
	for _, q := range qs {
		if q.Kind != KindPrice {
			continue
		}
		a := answers[q.ID]
		qty := map[string]float64{}
		for _, l := range q.ScheduleLines {
			qty[l.ID] = l.Quantity
		}
		for _, p := range a.Prices {
			sum[p.LotID] += p.PricePence
		}
		for _, l := range a.Lines {
			sum[l.LotID] += int64(math.Round(qty[l.LineID] * float64(l.UnitPricePence))) // each line to the penny
		}
	}
	out := []LotTotal{}
	for _, lot := range lotsOrNone(o, lots) {
		out = append(out, LotTotal{LotID: lot, TotalPence: sum[lot], TotalText: format.Money(sum[lot])})
	}
	return out
}
