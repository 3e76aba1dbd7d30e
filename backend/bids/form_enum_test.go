package bids

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The OpenAPI document lists the file types a question may take from the DocumentTypes enum
// tags; the server accepts those of documentTypes. A type added to one and not the other is
// offered and then refused, or accepted and never offered.
func TestDocumentTypesEnum(t *testing.T) {
	want := slices.Sorted(maps.Keys(documentTypes))
	for _, v := range []any{BidFormQuestion{}, BidFormQuestionInput{}} {
		f, _ := reflect.TypeOf(v).FieldByName("DocumentTypes")
		got := strings.Split(f.Tag.Get("enum"), ",")
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%T.DocumentTypes enum: %v, want %v", v, got, want)
		}
	}
}
