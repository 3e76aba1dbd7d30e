package resumable

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"

	"github.com/fairtender/fairtender/backend/platform/blobstore"
)

// progress is what an Adopter's upload has worked out from its parts 1..Parts (Received bytes):
// the SHA-256 state and the first bytes. It is kept as an object beside the parts (hashKey),
// through the upload's store: the hash state holds the last partial block, up to 63 bytes of the
// file, so a sealing store must seal it, and the database never sees it.
type progress struct {
	Parts    int    `json:"parts"`
	Received int64  `json:"received"`
	State    []byte `json:"state"` // the sha256 digest's MarshalBinary
	Head     []byte `json:"head"`
}

// hasher hashes an upload's bytes in order and keeps its first blobstore.HeadSize bytes.
type hasher struct {
	h        hash.Hash
	head     []byte
	parts    int
	received int64 // bytes in whole parts counted by endPart
}

func newHasher() *hasher { return &hasher{h: sha256.New()} }

func (h *hasher) Write(p []byte) (int, error) {
	if room := blobstore.HeadSize - len(h.head); room > 0 {
		h.head = append(h.head, p[:min(room, len(p))]...)
	}
	return h.h.Write(p)
}

// endPart counts a part of n bytes just written and returns the progress after it.
func (h *hasher) endPart(n int64) (*progress, error) {
	h.parts++
	h.received += n
	state, err := h.h.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("resumable: unable to keep the hash state: %w", err)
	}
	return &progress{Parts: h.parts, Received: h.received, State: state, Head: bytes.Clone(h.head)}, nil
}

// sum is the lowercase hex SHA-256 of what was written.
func (h *hasher) sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

// loadHasher returns the hasher of upload r after its r.Parts stored parts: from the kept
// progress, then reading back any parts stored after it (a process that died between storing a
// part and keeping the progress), or from the start when there is none or it does not fit r.
func (s *Service) loadHasher(ctx context.Context, store blobstore.Store, r record) (*hasher, error) {
	h := newHasher()
	if r.Parts == 0 {
		return h, nil
	}
	rc, _, err := store.Get(ctx, hashKey(r.ID))
	switch {
	case errors.Is(err, blobstore.ErrNotFound):
	case err != nil:
		return nil, fmt.Errorf("resumable: unable to read an upload's hash state: %w", err)
	default:
		var p progress
		err := json.NewDecoder(rc).Decode(&p)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("resumable: unable to read an upload's hash state: %w", err)
		}
		if p.Parts <= r.Parts && p.Received <= r.Received {
			if err := h.h.(encoding.BinaryUnmarshaler).UnmarshalBinary(p.State); err != nil {
				return nil, fmt.Errorf("resumable: unable to read an upload's hash state: %w", err)
			}
			h.head, h.parts, h.received = p.Head, p.Parts, p.Received
		}
	}
	if h.parts < r.Parts {
		pr := &partsReader{ctx: ctx, store: store, prefix: partsPrefix(r.ID), from: h.parts + 1, parts: r.Parts, want: r.Received - h.received}
		_, err := io.Copy(h, pr)
		pr.Close()
		if err != nil {
			return nil, err
		}
		h.parts, h.received = r.Parts, r.Received
	}
	return h, nil
}

// saveProgress keeps p as upload id's hash state.
func (s *Service) saveProgress(ctx context.Context, store blobstore.Store, id string, p *progress) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storePutTimeout)
	defer cancel()
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = store.Put(ctx, hashKey(id), bytes.NewReader(b), int64(len(b)), "application/octet-stream")
	return err
}
