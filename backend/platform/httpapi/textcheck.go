package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
)

// LongTextOver is the maxLength above which a string field is long text: a description, a
// reason or an answer typed in a textarea, where tab and line breaks belong. Every shorter field
// (names, emails, codes, file names) is one line. The fields of this codebase fall either at 256
// or fewer characters or at 1000 or more, so the schema says which kind each field is.
const LongTextOver = 256

// badRune reports whether r may not appear in text: a control character (C0, DEL or C1), or a
// bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which can make text read
// differently from what it holds. Long text may hold tab and line feed, and carriage return only
// before a line feed (a Windows line break).
func badRune(s string, i int, r rune, long bool) bool {
	switch {
	case long && (r == '\t' || r == '\n'):
		return false
	case long && r == '\r':
		return i+1 >= len(s) || s[i+1] != '\n'
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// CleanText reports whether s holds only characters a person can see in a field, by the rule of
// badRune; long says whether s is long text. Features that take text outside JSON bodies and
// parameters (such as a multipart form) use it too.
func CleanText(s string, long bool) bool {
	for i, r := range s {
		if badRune(s, i, r, long) {
			return false
		}
	}
	return true
}

func textMessage(long bool) string {
	if long {
		return "This can only contain letters, numbers, spaces, punctuation and line breaks"
	}
	return "This can only contain letters, numbers, spaces and punctuation: remove any control characters or line breaks"
}

// checkText refuses, before the handler runs, any request whose JSON body, query parameters or
// path parameters hold text with control characters or bidirectional overrides, with a 422 naming
// each field. It is one gate for every operation, because such text is never meant, breaks
// PostgreSQL (which refuses NUL), and can forge log lines or disguise a file name.
func (s *Server) checkText(ctx huma.Context, next func(huma.Context)) {
	op := ctx.Operation()
	fc := humafiber.Unwrap(ctx)
	var errs []error
	bad := func(loc string, long bool) {
		errs = append(errs, &huma.ErrorDetail{Location: loc, Message: textMessage(long)})
	}
	params := s.paramKinds(op)
	for name, v := range fc.AllParams() {
		if !CleanText(v, false) {
			bad("path."+name, false)
		}
	}
	fc.Context().QueryArgs().VisitAll(func(k, v []byte) {
		name := string(k)
		if !CleanText(name, false) {
			bad("query", false)
			return
		}
		if !CleanText(string(v), params[name]) {
			bad("query."+name, params[name])
		}
	})
	if schema := jsonBodySchema(op); schema != nil && unsafe(ctx.Method()) && fc.Request().Header.ContentLength() <= MaxBodyBytes {
		body := append([]byte(nil), fc.Body()...)
		// Reading the stream used it up: give the handler the same bytes again.
		fc.Request().SetBodyStream(bytes.NewReader(body), len(body))
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) == nil {
			walkText(s.API.OpenAPI().Components.Schemas, schema, v, "body", bad)
		}
	}
	if len(errs) > 0 {
		huma.WriteErr(s.API, ctx, http.StatusUnprocessableEntity, "There is a problem with what you entered", errs...)
		return
	}
	next(ctx)
}

// paramKinds says, for each query parameter of op, whether it is long text. It is worked out
// once per operation.
func (s *Server) paramKinds(op *huma.Operation) map[string]bool {
	if v, ok := s.longParams.Load(op); ok {
		return v.(map[string]bool)
	}
	kinds := map[string]bool{}
	for _, p := range op.Parameters {
		if p.In == "query" {
			kinds[p.Name] = long(p.Schema)
		}
	}
	s.longParams.Store(op, kinds)
	return kinds
}

func long(schema *huma.Schema) bool {
	return schema != nil && schema.MaxLength != nil && *schema.MaxLength > LongTextOver
}

func jsonBodySchema(op *huma.Operation) *huma.Schema {
	if op.RequestBody == nil {
		return nil
	}
	for ct, mt := range op.RequestBody.Content {
		if strings.Contains(ct, "json") && mt.Schema != nil {
			return mt.Schema
		}
	}
	return nil
}

// walkText checks every string in v, and every object key, against the schema it was sent
// for; where the schema says nothing (an unexpected property, which huma refuses anyway) the
// text counts as one line.
func walkText(reg huma.Registry, schema *huma.Schema, v any, loc string, bad func(string, bool)) {
	if schema != nil && schema.Ref != "" {
		schema = reg.SchemaFromRef(schema.Ref)
	}
	switch v := v.(type) {
	case string:
		isLong := long(schema)
		for _, alt := range alternatives(schema) {
			isLong = isLong || long(alt)
		}
		if !CleanText(v, isLong) {
			bad(loc, isLong)
		}
	case []any:
		var items *huma.Schema
		if schema != nil {
			items = schema.Items
		}
		for i, e := range v {
			walkText(reg, items, e, fmt.Sprintf("%s[%d]", loc, i), bad)
		}
	case map[string]any:
		for k, e := range v {
			if !CleanText(k, false) {
				bad(loc, false)
				continue
			}
			walkText(reg, propertySchema(schema, k), e, loc+"."+k, bad)
		}
	}
}

func alternatives(schema *huma.Schema) []*huma.Schema {
	if schema == nil {
		return nil
	}
	return append(append(append([]*huma.Schema(nil), schema.OneOf...), schema.AnyOf...), schema.AllOf...)
}

func propertySchema(schema *huma.Schema, name string) *huma.Schema {
	if schema == nil {
		return nil
	}
	if p, ok := schema.Properties[name]; ok {
		return p
	}
	if ap, ok := schema.AdditionalProperties.(*huma.Schema); ok {
		return ap
	}
	return nil
}
