// Package auth holds the security primitives: password hashing and checks, signed access tokens,
// random one-time tokens, roles and the signed-in principal.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLength follows NCSC guidance: length and a deny-list, no composition rules.
const MinPasswordLength = 12

// MaxPasswordLength bounds the work an attacker can make the server do per sign-in.
const MaxPasswordLength = 256

// argon2id parameters from OWASP's password storage guidance (19 MiB, 2 passes, 1 lane).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

//go:embed common_passwords.txt
var commonPasswordsText string

var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(commonPasswordsText, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[strings.ToLower(l)] = true
		}
	}
	return m
}()

// Password problems, phrased for the person choosing one.
var (
	ErrPasswordTooShort = fmt.Errorf("Password must be %d characters or more", MinPasswordLength)
	ErrPasswordTooLong  = fmt.Errorf("Password must be %d characters or fewer", MaxPasswordLength)
	ErrPasswordCommon   = errors.New("Password is too easy to guess. Try 3 random words, like ‘coffee train fish’")
)

// CheckPassword says whether pw is acceptable: long enough, not too long, and not a common or
// trivially guessable password. personal holds words such as the email's local part and the
// organisation's name that must not be the whole password.
func CheckPassword(pw string, personal ...string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLength {
		return ErrPasswordTooShort
	}
	if n > MaxPasswordLength {
		return ErrPasswordTooLong
	}
	lower := strings.ToLower(pw)
	if commonPasswords[lower] || repetitive(lower) {
		return ErrPasswordCommon
	}
	stripped := strings.TrimRight(lower, "0123456789!?. ")
	if commonPasswords[stripped] {
		return ErrPasswordCommon
	}
	for _, p := range personal {
		p = strings.ToLower(strings.TrimSpace(p))
		if len(p) >= 4 && (lower == p || stripped == p || strings.ReplaceAll(lower, " ", "") == strings.ReplaceAll(p, " ", "")) {
			return ErrPasswordCommon
		}
	}
	return nil
}

// repetitive catches one or two characters repeated ("aaaaaaaaaaaa") and runs of a keyboard or
// alphabet sequence ("123456789012", "abcdefghijkl", "qwertyuiopas").
func repetitive(s string) bool {
	distinct := map[rune]bool{}
	for _, r := range s {
		distinct[r] = true
	}
	if len(distinct) <= 3 {
		return true
	}
	for _, seq := range []string{"01234567890123456789", "98765432109876543210", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "qwertyuiop[]asdfghjkl;'zxcvbnm,./"} {
		if strings.Contains(seq, s) {
			return true
		}
	}
	return false
}

// HashPassword returns an argon2id hash in the PHC string format.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: unable to make salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// dummyHash is verified against when an account does not exist, so that the answer takes as long
// as for a real account and timing does not reveal who has one.
var dummyHash, _ = HashPassword("not a real password, only for timing")

// VerifyPassword reports whether pw matches hash. An empty hash (no password set yet) never
// matches but costs the same time.
func VerifyPassword(hash, pw string) bool {
	if hash == "" {
		verify(dummyHash, pw)
		return false
	}
	return verify(hash, pw)
}

func verify(hash, pw string) bool {
	var version, mem, iters int
	var threads uint8
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &iters, &threads); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, uint32(iters), uint32(mem), threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}
