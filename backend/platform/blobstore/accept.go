package blobstore

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/fairtender/fairtender/backend/platform/apperr"
)

// Policy says which files a feature accepts as documents. Every document upload goes through
// Accept with one, so that the checks people rely on (the file arrived whole, it is what it says
// it is, it does not unpack into something huge) are made once, the same way, everywhere.
type Policy struct {
	// Types are the declared media types accepted, in lower case.
	Types []string
	// TypesMessage is shown when the declared type is not one of Types, for example "The
	// certificate must be a PDF, JPG or PNG file".
	TypesMessage string
	// MaxSize is the largest file accepted, in bytes.
	MaxSize int64
	// Archive limits ZIP-based files (Office documents, OpenDocument, ZIP); zero values take
	// the defaults of DefaultArchiveLimits.
	Archive ArchiveLimits
}

// ArchiveLimits bound what a ZIP-based file may unpack to, so that a small upload cannot stand
// for gigabytes (a "zip bomb") in the hands of whoever opens it.
type ArchiveLimits struct {
	Entries      int   // most files inside
	Uncompressed int64 // most bytes unpacked, all entries together
	Ratio        int64 // most unpacked bytes per stored byte, once unpacked is over 1 MiB
}

// DefaultArchiveLimits allow any real office document: a large spreadsheet has hundreds of
// entries and a compression ratio of tens, never thousands.
var DefaultArchiveLimits = ArchiveLimits{Entries: 10000, Uncompressed: 100 << 20, Ratio: 100}

// Upload is a document as it arrives.
type Upload struct {
	Filename    string // as the client gave it, perhaps a Windows path
	ContentType string // as declared, perhaps with parameters
	Body        io.Reader
	Length      int64 // the declared Content-Length, -1 when unknown
}

// Accepted is what Accept stored.
type Accepted struct {
	Info
	// Filename is the file's own name, without any directory the client sent.
	Filename string
	// Detected is the media type the content was sniffed as (http.DetectContentType); for
	// office documents it is application/zip.
	Detected string
}

// ErrTruncated means the body ended before its declared length: the connection was cut short.
var ErrTruncated = errors.New("upload cut short")

const maxNameRunes = 200

// HeadSize is how many of a file's first bytes the checks of type by content look at.
const HeadSize = 512

// Check checks the file name and declared type, adding what is wrong to f (fields "filename" and
// "file"), and returns the name to keep and the declared media type, lower case without
// parameters. Callers that collect errors about other fields call it first, so that a form shows
// every problem at once; Accept calls it again.
func (p Policy) Check(f *apperr.Fields, filename, contentType string) (name, mediaType string) {
	name = strings.TrimSpace(path.Base(strings.ReplaceAll(filename, "\\", "/")))
	if name == "" || name == "." || name == "/" || utf8.RuneCountInString(name) > maxNameRunes {
		f.Add("filename", fmt.Sprintf("Give the file’s name, up to %d characters", maxNameRunes))
	}
	mediaType, _, _ = strings.Cut(contentType, ";")
	mediaType = strings.ToLower(strings.TrimSpace(mediaType))
	if !slices.Contains(p.Types, mediaType) {
		f.Add("file", p.TypesMessage)
	}
	return name, mediaType
}

// Accept stores u under key whole or not at all, and only if its content is what its declared
// type says: a PDF starts with %PDF-, an image with its signature, an office document is a
// well-formed ZIP within p.Archive. A body shorter than its declared length (a connection cut
// short) is refused and nothing is left under key; an object already under key is untouched
// unless the new one is accepted.
// Errors: invalid (fields "filename" and "file": wrong type, empty, too large, cut short, content
// not of its type, an archive over the limits); anything else is the store's failure.
func Accept(ctx context.Context, s Store, key string, p Policy, u Upload) (Accepted, error) {
	name, mediaType, tooLarge, err := p.checkStart(u.Filename, u.ContentType, u.Length)
	if err != nil {
		return Accepted{}, err
	}
	body := &wholeReader{r: u.Body, want: u.Length}
	head := make([]byte, HeadSize)
	n, err := io.ReadFull(body, head)
	head = head[:n]
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return Accepted{}, readError(err)
	}
	if err := checkContent(mediaType, head); err != nil {
		return Accepted{}, err
	}
	var r io.Reader = io.MultiReader(bytes.NewReader(head), body)
	if isArchive(mediaType) {
		// A ZIP's directory is at its end: the file is kept in a temporary file and checked
		// there before anything is stored.
		tmp, err := p.spoolArchive(ctx, r)
		if err != nil {
			return Accepted{}, acceptError(key, err, tooLarge)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		r = tmp
	}
	info, err := s.Put(ctx, key, r, p.MaxSize, mediaType)
	if err != nil {
		return Accepted{}, acceptError(key, err, tooLarge)
	}
	return Accepted{Info: info, Filename: name, Detected: http.DetectContentType(head)}, nil
}

// Received is a file already stored whole by other means (the parts of a resumable upload),
// described for Inspect.
type Received struct {
	Filename    string // as the client gave it
	ContentType string // as declared
	Size        int64
	SHA256      string // of its bytes, as received
	// Head is its first HeadSize bytes, or all of it when it is shorter.
	Head []byte
	// Open reads it whole; Inspect calls it only for ZIP-based types, whose limits need the
	// whole file.
	Open func(ctx context.Context) (io.ReadCloser, error)
}

// Inspect makes Accept's checks (name, declared type, size, type by content, archive limits)
// of a file that is already stored, and returns what Accept would for it (without a key), so a
// feature that keeps a resumable upload's parts as the document accepts exactly what Accept
// does. Only ZIP-based files are read back (through f.Open); others are judged by f.Head.
// Errors: invalid (fields "filename" and "file"), as Accept's; anything else is f.Open's failure.
func Inspect(ctx context.Context, p Policy, f Received) (Accepted, error) {
	name, mediaType, tooLarge, err := p.checkStart(f.Filename, f.ContentType, f.Size)
	if err != nil {
		return Accepted{}, err
	}
	if err := checkContent(mediaType, f.Head); err != nil {
		return Accepted{}, err
	}
	if isArchive(mediaType) {
		rc, err := f.Open(ctx)
		if err != nil {
			return Accepted{}, fmt.Errorf("blobstore: unable to read back %q: %w", name, err)
		}
		tmp, err := p.spoolArchive(ctx, rc)
		rc.Close()
		if err != nil {
			return Accepted{}, acceptError(name, err, tooLarge)
		}
		os.Remove(tmp.Name())
		tmp.Close()
	}
	return Accepted{Info: Info{Size: f.Size, SHA256: f.SHA256, ContentType: mediaType}, Filename: name, Detected: http.DetectContentType(f.Head)}, nil
}

// checkStart checks what is known before the content: the name and declared type (Check) and
// the declared length. It returns the name to keep, the media type, and the error for a file
// found too large later.
func (p Policy) checkStart(filename, contentType string, length int64) (name, mediaType string, tooLarge, err error) {
	var f apperr.Fields
	name, mediaType = p.Check(&f, filename, contentType)
	if err := f.Err(); err != nil {
		return "", "", nil, err
	}
	tooLarge = apperr.Field("file", fmt.Sprintf("The file must be smaller than %s", megabytes(p.MaxSize)))
	if length > p.MaxSize {
		return "", "", nil, tooLarge
	}
	return name, mediaType, tooLarge, nil
}

// checkContent checks a file of mediaType by its first bytes.
func checkContent(mediaType string, head []byte) error {
	if len(head) == 0 {
		return apperr.Field("file", "The selected file is empty")
	}
	if msg := checkHead(mediaType, head); msg != "" {
		return apperr.Field("file", msg)
	}
	return nil
}

// spoolArchive copies the ZIP-based file r into a temporary file and checks it against
// p.Archive; it returns the file at its start (the caller closes and removes it), or the refusal.
func (p Policy) spoolArchive(ctx context.Context, r io.Reader) (*os.File, error) {
	tmp, err := spool(r, p.MaxSize)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*os.File, error) {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	if msg := checkArchive(ctx, tmp, p.Archive.withDefaults()); msg != "" {
		return fail(apperr.Field("file", msg))
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return fail(err)
	}
	return tmp, nil
}

func acceptError(key string, err, tooLarge error) error {
	var ae *apperr.Error
	switch {
	case errors.As(err, &ae):
		return err
	case errors.Is(err, ErrTooLarge):
		return tooLarge
	case errors.Is(err, ErrTruncated):
		return readError(err)
	}
	return fmt.Errorf("blobstore: unable to accept %q: %w", key, err)
}

// spool copies r, which must be at most max bytes, into a temporary file. The caller removes it.
func spool(r io.Reader, max int64) (*os.File, error) {
	tmp, err := os.CreateTemp("", "fairtender-upload-*")
	if err != nil {
		return nil, err
	}
	n, err := io.Copy(tmp, io.LimitReader(r, max+1))
	if err == nil && n > max {
		err = fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	return tmp, nil
}

func readError(err error) error {
	if errors.Is(err, ErrTruncated) {
		return apperr.Field("file", "The file did not arrive whole: the upload was cut short. Try uploading it again.")
	}
	return fmt.Errorf("blobstore: unable to read upload: %w", err)
}

func megabytes(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", max(n>>10, 1))
}

// wholeReader passes r through and turns an end before want bytes, or a broken connection,
// into ErrTruncated, so that the Put reading it fails and keeps nothing.
type wholeReader struct {
	r    io.Reader
	want int64 // -1 when unknown
	got  int64
}

func (w *wholeReader) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	w.got += int64(n)
	switch {
	case err == nil:
		return n, nil
	case errors.Is(err, io.EOF) && (w.want < 0 || w.got >= w.want):
		return n, io.EOF
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return n, fmt.Errorf("%w: %d of %d bytes", ErrTruncated, w.got, w.want)
	}
	return n, fmt.Errorf("%w: %w", ErrTruncated, err)
}

var (
	zipTypes = []string{
		"application/zip",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/vnd.openxmlformats-officedocument.presentationml.presentation",
		"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
		"application/vnd.oasis.opendocument.presentation",
	}
	// signatures are how files of each type start, with the words for the message when one
	// does not.
	signatures = map[string]struct {
		magic []string
		what  string
	}{
		"application/pdf":          {[]string{"%PDF-"}, "a PDF"},
		"image/png":                {[]string{"\x89PNG\r\n\x1a\n"}, "a PNG image"},
		"image/jpeg":               {[]string{"\xff\xd8\xff"}, "a JPG image"},
		"application/rtf":          {[]string{"{\\rtf"}, "an RTF document"},
		"application/msword":       {[]string{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}, "a Word 97–2003 document"},
		"application/vnd.ms-excel": {[]string{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}, "an Excel 97–2003 workbook"},
	}
)

func isArchive(mediaType string) bool { return slices.Contains(zipTypes, mediaType) }

// checkHead returns what is wrong with a file of mediaType starting with head, or "".
func checkHead(mediaType string, head []byte) string {
	if sig, ok := signatures[mediaType]; ok {
		for _, m := range sig.magic {
			if bytes.HasPrefix(head, []byte(m)) {
				return ""
			}
		}
		return "The file is not " + sig.what + ", whatever its name says. Check you chose the right file, or save it again as " + sig.what + "."
	}
	switch {
	case isArchive(mediaType) && !bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "The file is not a well-formed office document or ZIP file. Check you chose the right file, or save it again."
	case strings.HasPrefix(mediaType, "text/") && bytes.IndexByte(head, 0) >= 0:
		return "The file is not a text file. Check you chose the right file."
	}
	return ""
}

func (l ArchiveLimits) withDefaults() ArchiveLimits {
	d := DefaultArchiveLimits
	if l.Entries > 0 {
		d.Entries = l.Entries
	}
	if l.Uncompressed > 0 {
		d.Uncompressed = l.Uncompressed
	}
	if l.Ratio > 0 {
		d.Ratio = l.Ratio
	}
	return d
}

// checkArchive reads f as a ZIP and returns what is wrong with it, or "". Each entry is unpacked,
// counting, so that sizes its directory understates are caught too.
func checkArchive(ctx context.Context, f *os.File, l ArchiveLimits) string {
	const malformed = "The file is not a well-formed office document or ZIP file: it may be damaged. Save it again and upload the new copy."
	st, err := f.Stat()
	if err != nil {
		return malformed
	}
	size := st.Size()
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return malformed
	}
	if len(zr.File) > l.Entries {
		return fmt.Sprintf("The file holds more than %d files inside it. Upload a smaller document or split it into several.", l.Entries)
	}
	tooBig := fmt.Sprintf("The file would unpack to more than %s, or much more than its own size, so it may be damaged or harmful. Upload a smaller document.", megabytes(l.Uncompressed))
	var declared uint64
	for _, zf := range zr.File {
		declared += zf.UncompressedSize64
	}
	if overLimits(declared, size, l) {
		return tooBig
	}
	var unpacked int64
	for _, zf := range zr.File {
		if ctx.Err() != nil {
			return ""
		}
		r, err := zf.Open()
		if err != nil {
			return malformed
		}
		n, err := io.Copy(io.Discard, io.LimitReader(r, l.Uncompressed-unpacked+1))
		r.Close()
		unpacked += n
		if overLimits(uint64(unpacked), size, l) {
			return tooBig
		}
		if err != nil {
			return malformed
		}
	}
	return ""
}

func overLimits(unpacked uint64, size int64, l ArchiveLimits) bool {
	if unpacked > uint64(l.Uncompressed) {
		return true
	}
	return unpacked > 1<<20 && unpacked > uint64(l.Ratio)*uint64(max(size, 1))
}
