package httpapi

import (
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// ETag is the entity tag of a record's version, such as "3": every record a client may change
// with If-Match carries one, and IfMatchVersion reads it back.
func ETag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// IfMatchVersion reads the version a client last saw from its If-Match header: an ETag made by
// ETag, weak (W/"3") or not. what names the record in the messages ("draft", "profile").
// No header is 428 Precondition Required, so nobody overwrites changes they never saw; one that
// is not a version is 412 Precondition Failed, as a stale one is (apperr.Stale).
func IfMatchVersion(header, what string) (int, error) {
	if header == "" {
		return 0, huma.Error428PreconditionRequired("Send If-Match with the ETag of the " + what + " you are changing, so nobody's changes are lost")
	}
	version, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(header, "W/"), `"`))
	if err != nil {
		return 0, huma.Error412PreconditionFailed("If-Match must be the " + what + "'s ETag, such as \"3\"")
	}
	return version, nil
}
