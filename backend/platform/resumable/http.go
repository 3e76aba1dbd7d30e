package resumable

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"
	tusd "github.com/tus/tusd/v2/pkg/handler"
	xslog "golang.org/x/exp/slog"
	"gorm.io/gorm"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/fairtender/fairtender/backend/platform/httpapi"
)

// Mount serves the tus endpoint under Prefix on server, behind its sign-in, CSRF and limits.
// A nil s (no Target) mounts nothing. Call it before server.Finish, and list Prefix among the
// server's UploadPrefixes so that bodies are streamed.
func Mount(server *httpapi.Server, s *Service) {
	if s == nil {
		return
	}
	h := func(c *fiber.Ctx) error { return s.serve(server, c) }
	// HEAD arrives routed as GET (httpapi's headAsGet); the wire method decides below.
	for _, m := range []string{fiber.MethodPost, fiber.MethodGet, fiber.MethodPatch, fiber.MethodDelete, fiber.MethodOptions} {
		server.App.Add(m, Prefix+"*", h)
	}
}

// serve hands one request to tusd: signed in, owner checked, body streamed.
func (s *Service) serve(server *httpapi.Server, c *fiber.Ctx) error {
	method := string(c.Request().Header.Method())
	id := strings.TrimPrefix(c.Path(), Prefix)
	switch {
	case method == fiber.MethodOptions:
		// Protocol discovery needs no sign-in.
	case id == "" && method == fiber.MethodPost:
	case id != "" && !strings.Contains(id, "/") && (method == fiber.MethodHead || method == fiber.MethodPatch || method == fiber.MethodDelete):
	default:
		c.Set(fiber.HeaderAllow, "OPTIONS, POST (creation), HEAD, PATCH, DELETE (an upload)")
		return httpapi.Problem(c, http.StatusMethodNotAllowed, "This address takes tus uploads: POST to "+Prefix+" to start one, then HEAD, PATCH or DELETE its address.")
	}
	// A body is the bytes of a file: never leave unread bytes (of a refused request too) on the
	// connection to be parsed as the next request.
	if method == fiber.MethodPatch || method == fiber.MethodPost {
		c.Context().SetConnectionClose()
	}
	ctx := c.UserContext()
	if method != fiber.MethodOptions {
		var ok bool
		if ctx, ok = server.SignIn(c, *s.opts.Access); !ok {
			return nil
		}
		if id != "" {
			// Another person's upload is not found, before tusd takes its lock (which would
			// interrupt the owner's PATCH).
			if _, err := s.load(ctx, id); err != nil {
				return httpapi.Problem(c, http.StatusNotFound, errNotFound.Message)
			}
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := s.request(ctx, c, method)
	if err != nil {
		return httpapi.Problem(c, http.StatusBadRequest, "The request could not be read.")
	}
	w := &responseWriter{c: c, header: http.Header{}}
	s.handler.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodOptions:
			w.WriteHeader(http.StatusNoContent)
		case http.MethodPost:
			s.handler.PostFile(w, r)
		case http.MethodHead:
			s.handler.HeadFile(w, r)
		case http.MethodPatch:
			s.handler.PatchFile(w, r)
		case http.MethodDelete:
			s.handler.DelFile(w, r)
		}
	})).ServeHTTP(w, req)
	w.finish()
	return nil
}

// request builds the net/http request tusd reads, with the body streamed from the connection
// (fasthttpadaptor would read it whole into memory).
func (s *Service) request(ctx context.Context, c *fiber.Ctx, method string) (*http.Request, error) {
	u, err := url.ParseRequestURI(string(c.Request().RequestURI()))
	if err != nil {
		return nil, err
	}
	// tusd takes the id from the path with the base path stripped (http.StripPrefix).
	wire := u.RequestURI()
	u.Path, u.RawPath = strings.TrimPrefix(u.Path, Prefix), ""
	r := (&http.Request{Method: method, URL: u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{},
		Host: string(c.Request().Host()), RemoteAddr: c.Context().RemoteAddr().String(), RequestURI: wire}).WithContext(ctx)
	for k, v := range c.Request().Header.All() {
		r.Header.Add(string(k), string(v))
	}
	// tusd would let POST stand for PATCH or DELETE; the method checked above is the one served.
	r.Header.Del("X-HTTP-Method-Override")
	r.ContentLength = int64(c.Request().Header.ContentLength())
	var body io.Reader = c.Context().RequestBodyStream()
	if body == nil {
		body = bytes.NewReader(c.Body())
	}
	r.Body = io.NopCloser(body)
	return r, nil
}

// responseWriter collects tusd's answer (headers and a short body) for Fiber. Its read and
// write deadlines are the connection's, so tusd's network timeout works, and it can interrupt a
// PATCH (another request wants the lock) by setting the read deadline to now.
type responseWriter struct {
	c      *fiber.Ctx
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *responseWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}

// SetReadDeadline is found by http.ResponseController.
func (w *responseWriter) SetReadDeadline(t time.Time) error { return w.conn().SetReadDeadline(t) }

// SetWriteDeadline is found by http.ResponseController.
func (w *responseWriter) SetWriteDeadline(t time.Time) error { return w.conn().SetWriteDeadline(t) }

func (w *responseWriter) conn() net.Conn { return w.c.Context().Conn() }

func (w *responseWriter) finish() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	for k, vs := range w.header {
		for _, v := range vs {
			w.c.Response().Header.Add(k, v)
		}
	}
	w.c.Status(w.status)
	// Answers go out within the server's write timeout, whatever tusd set while reading.
	_ = w.conn().SetWriteDeadline(time.Now().Add(30 * time.Second))
	if w.body.Len() > 0 {
		w.c.Response().SetBodyRaw(w.body.Bytes())
	}
}

// complete runs the Target's Complete (or Adopt) once every byte has arrived, then removes the
// parts and the record whatever it answered, except the parts an Adopter took.
func (s *Service) complete(ev tusd.HookEvent) (tusd.HTTPResponse, error) {
	// Not cancelled with the request: tusd cancels it (after a grace of 10 s) when another request
	// asks for the lock, and a Target checking and sealing 100 MB may need longer. The lock is
	// kept until this returns.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ev.Context), completeTimeout)
	defer cancel()
	p := auth.PrincipalFrom(ctx)
	r, err := s.load(ctx, ev.Upload.ID)
	if err != nil {
		return tusd.HTTPResponse{}, err
	}
	u := &upload{s: s, rec: r}
	store, err := u.blobs(ctx)
	if err != nil {
		return tusd.HTTPResponse{}, err
	}
	adopted := false
	defer func() {
		if adopted {
			// The parts are the Target's now: only the record (unless claimed) and hash state go.
			if err := s.forget(ctx, store, r); err != nil {
				s.log.ErrorContext(ctx, "unable to remove an adopted upload's record", "upload", r.ID, "error", err.Error())
			}
			return
		}
		if err := s.remove(ctx, store, r); err != nil {
			s.log.ErrorContext(ctx, "unable to remove a finished upload's parts", "upload", r.ID, "error", err.Error())
		}
	}()
	if r.Received != r.Size {
		return tusd.HTTPResponse{}, problemError(http.StatusConflict, "The file did not arrive whole. Upload it again.")
	}
	meta, err := s.meta(ctx, r)
	if err != nil {
		return tusd.HTTPResponse{}, err
	}
	var docID string
	if s.adopter != nil {
		h, err := s.loadHasher(ctx, store, r)
		if err != nil {
			return tusd.HTTPResponse{}, err
		}
		c := &Completed{Prefix: partsPrefix(r.ID), Parts: r.Parts, Size: r.Size, SHA256: h.sum(), Head: h.head, store: store,
			claim: func(tx *gorm.DB) error {
				res := tx.Where("id = ?", r.ID).Delete(&record{})
				if res.Error != nil {
					return fmt.Errorf("resumable: unable to hand over upload %s: %w", r.ID, res.Error)
				}
				if res.RowsAffected != 1 {
					return fmt.Errorf("resumable: upload %s is gone (cancelled or swept)", r.ID)
				}
				return nil
			}}
		if docID, err = s.adopter.Adopt(ctx, p, meta, c); err != nil {
			return tusd.HTTPResponse{}, s.errorFor(ctx, "adopt", err)
		}
		adopted = true
	} else {
		file, _ := u.GetReader(ctx)
		defer file.Close()
		if docID, err = s.target.Complete(ctx, p, meta, file, r.Size); err != nil {
			return tusd.HTTPResponse{}, s.errorFor(ctx, "complete", err)
		}
	}
	return tusd.HTTPResponse{Header: tusd.HTTPHeader{DocumentIDHeader: docID}}, nil
}

// completeTimeout bounds a Target's Complete.
const completeTimeout = 10 * time.Minute

// problemError is a tusd error answered as our problem+json.
func problemError(status int, detail string) tusd.Error {
	b, _ := json.Marshal(huma.ErrorModel{Title: http.StatusText(status), Status: status, Detail: detail})
	return tusd.Error{ErrorCode: "ERR_" + strings.ToUpper(strings.ReplaceAll(http.StatusText(status), " ", "_")), Message: detail,
		HTTPResponse: tusd.HTTPResponse{StatusCode: status, Body: string(b), Header: tusd.HTTPHeader{"Content-Type": "application/problem+json"}}}
}

func statusOf(code apperr.Code) int { return httpapi.Status(code) }

// tusdLogger passes tusd's warnings and errors to log; its info lines (every request and
// chunk) would repeat the request log.
func tusdLogger(log *slog.Logger) *xslog.Logger {
	return xslog.New(forward{log})
}

type forward struct{ log *slog.Logger }

func (f forward) Enabled(_ context.Context, l xslog.Level) bool { return l >= xslog.LevelWarn }

func (f forward) Handle(ctx context.Context, r xslog.Record) error {
	args := []any{}
	r.Attrs(func(a xslog.Attr) bool {
		// tusd logs response bodies; ours hold only our messages, but keep the log lean.
		if a.Key != "body" {
			args = append(args, a.Key, a.Value.String())
		}
		return true
	})
	level := slog.Level(r.Level)
	// A connection dropped mid-PATCH is what resumable uploads are for, not a fault.
	if r.Message == "BodyReadError" {
		level = slog.LevelInfo
	}
	f.log.Log(ctx, level, "tus: "+r.Message, args...)
	return nil
}

func (f forward) WithAttrs(as []xslog.Attr) xslog.Handler {
	args := []any{}
	for _, a := range as {
		args = append(args, a.Key, a.Value.String())
	}
	return forward{f.log.With(args...)}
}

func (f forward) WithGroup(name string) xslog.Handler { return forward{f.log.WithGroup(name)} }
