package httpapi

import (
	"io"
	"mime"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
)

// Attachment streams rc to the client as a file to save, named filename, with its SHA-256 in
// X-Checksum-SHA256 so the client can check what it received; it closes rc. One helper for every
// document download, so each sends the same headers.
func Attachment(rc io.ReadCloser, contentType, filename, sha256 string) *huma.StreamResponse {
	return &huma.StreamResponse{Body: func(hctx huma.Context) {
		defer rc.Close()
		fc := humafiber.Unwrap(hctx)
		fc.Set("Content-Type", contentType)
		fc.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
		fc.Set("X-Checksum-SHA256", sha256)
		_, _ = io.Copy(hctx.BodyWriter(), rc) // a client gone mid-download has nothing to be told
	}}
}
