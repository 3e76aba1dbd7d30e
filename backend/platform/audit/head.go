package audit

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// Head is the newest entry of the chain and how many entries lead up to it. Written down outside
// the database (the log, a monitor polling /readyz), it lets `fairtender audit verify
// --expect-head` notice that the newest entries were deleted, which the chain alone cannot show:
// what remains is still a valid chain.
type Head struct {
	Count int64  `json:"count"`
	Hash  string `json:"head"`
}

// String is the form --expect-head takes: "<count>:<hash>".
func (h Head) String() string { return strconv.FormatInt(h.Count, 10) + ":" + h.Hash }

// ParseHead reads "<count>:<hash>" or a bare "<hash>" (any position).
func ParseHead(s string) (Head, error) {
	s = strings.TrimSpace(s)
	countPart, hash, found := strings.Cut(s, ":")
	if !found {
		countPart, hash = "", s
	}
	if len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return Head{}, fmt.Errorf("audit: head %q is not [count:]hash with a 64-digit lower-case hex hash", s)
	}
	var h Head
	h.Hash = hash
	if countPart != "" {
		n, err := strconv.ParseInt(countPart, 10, 64)
		if err != nil || n < 1 {
			return Head{}, fmt.Errorf("audit: head %q has a count that is not a positive whole number", s)
		}
		h.Count = n
	}
	return h, nil
}

// Head returns the chain's current head; an empty log has the zero Head.
func (l *Log) Head(ctx context.Context) (Head, error) {
	var h Head
	err := l.db.Gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var last Entry
		err := tx.Order("seq DESC").Limit(1).Take(&last).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		h.Hash = last.Hash
		return tx.Model(&Entry{}).Where("seq <= ?", last.Seq).Count(&h.Count).Error
	})
	if err != nil {
		return Head{}, fmt.Errorf("audit: unable to read the chain's head: %w", err)
	}
	return h, nil
}

// HeadMissingError says the chain no longer holds a head recorded earlier: entries were deleted
// from its end (and perhaps new ones added since), or the head entry itself was removed.
type HeadMissingError struct {
	Want Head
	// Count is how many entries the chain holds now.
	Count int
	// Found is the hash at the expected position, when the chain is that long.
	Found string
}

func (e *HeadMissingError) Error() string {
	switch {
	case e.Want.Count == 0:
		return fmt.Sprintf("audit: the chain (%d entries) does not contain the expected head %s: it, or entries up to it, were deleted", e.Count, e.Want.Hash)
	case int64(e.Count) < e.Want.Count:
		return fmt.Sprintf("audit: the chain has %d entries but the expected head %s was entry %d: entries at the end of the log were deleted", e.Count, e.Want, e.Want.Count)
	default:
		return fmt.Sprintf("audit: entry %d of the chain is %s, not the expected head %s: entries were deleted and others written after them", e.Want.Count, e.Found, e.Want.Hash)
	}
}
