package blobstore_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/blobstore"
)

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// TestAccept checks what Accept keeps and refuses, on local disk and in MinIO.
func TestAccept(t *testing.T) {
	stores := map[string]func(t *testing.T) blobstore.Store{
		"on local disk": func(t *testing.T) blobstore.Store {
			dir := t.TempDir()
			t.Cleanup(func() { checkNoTemp(t, dir) })
			return newLocal(t, dir)
		},
		"in MinIO": func(t *testing.T) blobstore.Store {
			e := requireS3(t)
			s, bucket := e.newS3(t)
			t.Cleanup(func() { e.checkNoLeftovers(t, bucket) })
			return s
		},
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) { testAccept(t, open(t)) })
	}
}

func testAccept(t *testing.T, s blobstore.Store) {
	policy := blobstore.Policy{Types: []string{"application/pdf", docxType}, TypesMessage: "Upload a PDF or Word file", MaxSize: 8 << 20}
	earlier := []byte("%PDF-1.7 the earlier file")
	if _, err := s.Put(t.Context(), "k", bytes.NewReader(earlier), 1<<20, "application/pdf"); err != nil {
		t.Fatal(err)
	}

	t.Run("a good document is kept with its name, checksum and sniffed type", func(t *testing.T) {
		b := zipOf(t, map[string][]byte{"word/document.xml": []byte("<w:document/>")})
		got, err := blobstore.Accept(t.Context(), s, "good", policy, blobstore.Upload{Filename: `C:\Letters\Reply.docx`,
			ContentType: docxType + "; charset=binary", Body: bytes.NewReader(b), Length: int64(len(b))})
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(b)
		if got.Filename != "Reply.docx" || got.Size != int64(len(b)) || got.SHA256 != hex.EncodeToString(h[:]) ||
			got.Detected != "application/zip" || got.ContentType != docxType {
			t.Errorf("got %+v", got)
		}
	})

	for _, tc := range []struct {
		name    string
		policy  func(p blobstore.Policy) blobstore.Policy
		body    io.Reader
		length  int64
		ct      string
		message string
	}{
		{name: "a connection that breaks half way", body: io.MultiReader(strings.NewReader("%PDF-1.7 half"), failing{}), length: 1000,
			ct: "application/pdf", message: "did not arrive whole"},
		{name: "a body shorter than its length", body: strings.NewReader("%PDF-1.7 short"), length: 1000, ct: "application/pdf", message: "did not arrive whole"},
		{name: "a declared type not allowed", body: strings.NewReader("GIF89a"), length: 6, ct: "image/gif", message: "Upload a PDF or Word file"},
		{name: "a PDF that is not one", body: strings.NewReader("<html>"), length: 6, ct: "application/pdf", message: "The file is not a PDF"},
		{name: "an empty file", body: strings.NewReader(""), length: 0, ct: "application/pdf", message: "empty"},
		{name: "a file over the largest size", body: strings.NewReader("%PDF-"), length: 9 << 20, ct: "application/pdf", message: "smaller than 8 MB"},
		{name: "a Word file that is a truncated ZIP", body: bytes.NewReader(zipOf(t, map[string][]byte{"a": []byte("x")})[:30]), length: 30, ct: docxType,
			message: "not a well-formed"},
		{name: "a ZIP with too many entries", policy: func(p blobstore.Policy) blobstore.Policy { p.Archive.Entries = 3; return p },
			body: bytes.NewReader(zipOf(t, map[string][]byte{"a": nil, "b": nil, "c": nil, "d": nil})), length: -1, ct: docxType, message: "more than 3 files"},
		{name: "a ZIP that unpacks to far more than its size", body: bytes.NewReader(zipOf(t, map[string][]byte{"z": make([]byte, 5<<20)})), length: -1,
			ct: docxType, message: "would unpack to more than 100 MB, or much more than its own size"},
		{name: "a ZIP whose directory understates what it unpacks to", body: bytes.NewReader(lyingZip(t, 20<<20)), length: -1, ct: docxType,
			message: "not a well-formed"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			p := policy
			if tc.policy != nil {
				p = tc.policy(p)
			}
			_, err := blobstore.Accept(t.Context(), s, "k", p, blobstore.Upload{Filename: "f", ContentType: tc.ct, Body: tc.body, Length: tc.length})
			var ae *apperr.Error
			var fs apperr.Fields
			switch {
			case errors.As(err, &ae) && ae.Field == "file":
			case errors.As(err, &fs) && len(fs) == 1 && fs[0].Field == "file":
				ae = fs[0]
			default:
				t.Fatalf("err = %v, want an invalid file saying %q", err, tc.message)
			}
			if ae.Code != apperr.Invalid || !strings.Contains(ae.Message, tc.message) {
				t.Errorf("error = %s %q, want invalid saying %q", ae.Code, ae.Message, tc.message)
			}
			rc, _, err := s.Get(t.Context(), "k")
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			if got, _ := io.ReadAll(rc); !bytes.Equal(got, earlier) {
				t.Errorf("the earlier object is now %q, want %q", got, earlier)
			}
		})
	}
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("connection reset by peer") }

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// lyingZip is a ZIP of n zero bytes whose directory says the entry unpacks to 100 bytes.
func lyingZip(t *testing.T, n int) []byte {
	t.Helper()
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	fw.Write(make([]byte, n))
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(make([]byte, n)),
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 100})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestInspect: a file already stored (a resumable upload's parts) is judged as Accept judges one
// arriving, and read back only when it is ZIP-based.
func TestInspect(t *testing.T) {
	policy := blobstore.Policy{Types: []string{"application/pdf", docxType}, TypesMessage: "Upload a PDF or Word file", MaxSize: 8 << 20}
	inspect := func(name, ct string, b []byte, size int64) (blobstore.Accepted, int, error) {
		opened := 0
		head := b[:min(len(b), blobstore.HeadSize)]
		acc, err := blobstore.Inspect(t.Context(), policy, blobstore.Received{Filename: name, ContentType: ct, Size: size, SHA256: "given", Head: head,
			Open: func(context.Context) (io.ReadCloser, error) { opened++; return io.NopCloser(bytes.NewReader(b)), nil }})
		return acc, opened, err
	}
	pdf := []byte("%PDF-1.7 " + strings.Repeat("page ", 200))
	acc, opened, err := inspect(`C:\Bids\Plan.pdf`, "application/pdf", pdf, int64(len(pdf)))
	if err != nil || opened != 0 || acc.Filename != "Plan.pdf" || acc.SHA256 != "given" || acc.Size != int64(len(pdf)) || acc.ContentType != "application/pdf" {
		t.Errorf("a PDF: got %+v, read back %d times, %v; want accepted from its first bytes alone", acc, opened, err)
	}
	good := zipOf(t, map[string][]byte{"word/document.xml": []byte("<w:document/>")})
	if acc, opened, err = inspect("Reply.docx", docxType, good, int64(len(good))); err != nil || opened != 1 || acc.Detected != "application/zip" {
		t.Errorf("a Word file: got %+v, read back %d times, %v; want accepted after reading it back once", acc, opened, err)
	}
	for _, tc := range []struct {
		name, ct, message string
		b                 []byte
		size              int64
	}{
		{"a PDF that is not one", "application/pdf", "The file is not a PDF", []byte("<html>"), 6},
		{"an empty file", "application/pdf", "empty", nil, 0},
		{"a file over the largest size", "application/pdf", "smaller than 8 MB", []byte("%PDF-"), 9 << 20},
		{"a declared type not allowed", "image/gif", "Upload a PDF or Word file", []byte("GIF89a"), 6},
		{"a ZIP that unpacks to far more than its size", docxType, "would unpack to more than", zipOf(t, map[string][]byte{"z": make([]byte, 5<<20)}), -1},
		{"a ZIP whose directory understates what it unpacks to", docxType, "not a well-formed", lyingZip(t, 20<<20), -1},
	} {
		size := tc.size
		if size < 0 {
			size = int64(len(tc.b))
		}
		_, _, err := inspect("f", tc.ct, tc.b, size)
		var ae *apperr.Error
		var fs apperr.Fields
		if errors.As(err, &fs) && len(fs) == 1 {
			ae = fs[0]
		}
		if ae == nil && !errors.As(err, &ae) || ae.Code != apperr.Invalid || !strings.Contains(ae.Message, tc.message) {
			t.Errorf("%s: err = %v, want invalid saying %q", tc.name, err, tc.message)
		}
	}
}
