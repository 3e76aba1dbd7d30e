package httpapi

import (
	"context"
	"fmt"

	"github.com/danielgtaylor/huma/v2"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
)

// RegisterUpload adds an operation whose request body is a document in one of types, sent as it
// is, for its handler to read with Upload and store with blobstore.Accept. Its path must be under
// one of the server's UploadPrefixes, where bodies are streamed rather than read into memory; a
// path that is not is a wiring mistake, refused at start-up.
func RegisterUpload[I, O any](s *Server, op huma.Operation, types []string, access auth.Access, handler func(context.Context, *I) (*O, error)) {
	if !s.isUpload(op) {
		panic(fmt.Sprintf("httpapi: upload %s %s is not under an upload prefix", op.Method, op.Path))
	}
	op.RequestBody = FileBody(types...)
	Register(s, op, access, handler)
}

// Upload returns the document of the upload request in ctx, named filename (the "filename" query
// parameter) and declared as contentType, for blobstore.Accept.
// Errors: invalid (query.filename, when it holds control characters or bidirectional overrides,
// which could disguise a file's real extension).
func Upload(ctx context.Context, filename, contentType string) (blobstore.Upload, error) {
	if !CleanText(filename, false) {
		return blobstore.Upload{}, apperr.QueryField("filename", textMessage(false))
	}
	body, n := UploadBody(ctx)
	return blobstore.Upload{Filename: filename, ContentType: contentType, Body: body, Length: n}, nil
}
