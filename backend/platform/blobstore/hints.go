package blobstore

import "context"

// Hints are what the caller of a Put knows about its body that lets a store do less work. They
// travel in the context, so that a store wrapping another (sealing) can pass them on or add its
// own, and a store that cannot use them ignores them.
type Hints struct {
	// NoChecksum: the caller does not need the body's SHA-256 (a resumable upload's part, whose
	// file is hashed whole as it arrives), so Put may leave Info.SHA256 empty and not work it out.
	NoChecksum bool
	// SelfAuthenticating: the body proves its own integrity (age ciphertext, whose every chunk
	// carries an AEAD tag and fails to open if a byte changes), so a store may send it without
	// signing its payload. Over TLS minio-go already sends payloads unsigned; over plain HTTP it
	// would otherwise spend a SHA-256 pass on a streaming signature.
	SelfAuthenticating bool
}

type hintsKey struct{}

// WithHints returns ctx carrying h for the Puts made in it.
func WithHints(ctx context.Context, h Hints) context.Context {
	return context.WithValue(ctx, hintsKey{}, h)
}

// HintsFrom returns the hints in ctx (none when there are none).
func HintsFrom(ctx context.Context) Hints {
	h, _ := ctx.Value(hintsKey{}).(Hints)
	return h
}
