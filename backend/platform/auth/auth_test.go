package auth_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/auth"
	"github.com/golang-jwt/jwt/v5"
)

const secret = "0123456789abcdef0123456789abcdef0123456789abcdef"

func TestCheckPassword(t *testing.T) {
	cases := []struct {
		name string
		pw   string
		want error
	}{
		{"eleven characters is too short", "abcdefghijk", auth.ErrPasswordTooShort},
		{"twelve random characters pass", "tqmv-lkre-7xp", nil},
		{"three random words pass", "coffee train fish", nil},
		{"a common password is refused", "password1234", auth.ErrPasswordCommon},
		{"common password in capitals is refused", "PASSWORD1234", auth.ErrPasswordCommon},
		{"padded common stem is refused", "liverpool2026!", auth.ErrPasswordCommon},
		{"one repeated character is refused", "aaaaaaaaaaaaaa", auth.ErrPasswordCommon},
		{"a keyboard run is refused", "qwertyuiopas", auth.ErrPasswordCommon},
		{"a digit run is refused", "123456789012", auth.ErrPasswordCommon},
		{"no composition rules: all lower case letters pass", "purple elephant dances", nil},
		{"too long is refused", strings.Repeat("x1y2z3", 50), auth.ErrPasswordTooLong},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := auth.CheckPassword(c.pw); !errors.Is(got, c.want) {
				t.Fatalf("CheckPassword(%q) = %v, want %v", c.pw, got, c.want)
			}
		})
	}
	t.Run("the organisation's name is refused", func(t *testing.T) {
		if got := auth.CheckPassword("Green Lantern Cafe", "green lantern cafe"); !errors.Is(got, auth.ErrPasswordCommon) {
			t.Fatalf("got %v, want ErrPasswordCommon", got)
		}
	})
}

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword("coffee train fish")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$") {
		t.Fatalf("hash %q is not argon2id", h)
	}
	if !auth.VerifyPassword(h, "coffee train fish") {
		t.Fatal("right password rejected")
	}
	if auth.VerifyPassword(h, "coffee train fisH") {
		t.Fatal("wrong password accepted")
	}
	if auth.VerifyPassword("", "") {
		t.Fatal("empty hash accepted")
	}
	h2, _ := auth.HashPassword("coffee train fish")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
}

func TestAccessTokens(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	s, err := auth.NewSigner(secret, "test", 15*time.Minute, clock)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := s.Issue("user-1", "session-1")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a fresh token is accepted", func(t *testing.T) {
		c, err := s.Parse(tok)
		if err != nil || c.Subject != "user-1" || c.SessionID != "session-1" {
			t.Fatalf("Parse = %+v, %v", c, err)
		}
	})
	t.Run("an expired token is refused", func(t *testing.T) {
		late, _ := auth.NewSigner(secret, "test", 15*time.Minute, func() time.Time { return now.Add(16 * time.Minute) })
		if _, err := late.Parse(tok); !errors.Is(err, auth.ErrInvalidToken) {
			t.Fatalf("err = %v, want ErrInvalidToken", err)
		}
	})
	t.Run("another key's token is refused", func(t *testing.T) {
		other, _ := auth.NewSigner(strings.Repeat("z", 40), "test", time.Minute, clock)
		if _, err := other.Parse(tok); !errors.Is(err, auth.ErrInvalidToken) {
			t.Fatalf("err = %v, want ErrInvalidToken", err)
		}
	})
	t.Run("alg none is refused", func(t *testing.T) {
		claims := auth.AccessClaims{SessionID: "s", RegisteredClaims: jwt.RegisteredClaims{Subject: "u", Issuer: "test",
			Audience: jwt.ClaimStrings{"fairtender-api"}, ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))}}
		none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
		if _, err := s.Parse(none); !errors.Is(err, auth.ErrInvalidToken) {
			t.Fatalf("err = %v, want ErrInvalidToken", err)
		}
	})
	t.Run("a token without expiry is refused", func(t *testing.T) {
		key := mustKey(t)
		claims := auth.AccessClaims{SessionID: "s", RegisteredClaims: jwt.RegisteredClaims{Subject: "u", Issuer: "test", Audience: jwt.ClaimStrings{"fairtender-api"}}}
		noExp, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
		if _, err := s.Parse(noExp); !errors.Is(err, auth.ErrInvalidToken) {
			t.Fatalf("err = %v, want ErrInvalidToken", err)
		}
	})
}

func mustKey(t *testing.T) []byte {
	t.Helper()
	// The signer's key is derived from the secret for the "access-token" purpose.
	k, err := auth.SecretboxKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestAccess(t *testing.T) {
	buyer := &auth.Principal{UserID: "u", Role: auth.RoleBuyer, EmailVerified: true}
	unverified := &auth.Principal{UserID: "u", Role: auth.RoleSupplier}
	if !auth.Public.Allows(nil) {
		t.Error("public refused an anonymous caller")
	}
	if auth.Only(auth.RoleBuyer).Allows(nil) {
		t.Error("buyer-only allowed an anonymous caller")
	}
	if !auth.Only(auth.RoleBuyer).Allows(buyer) {
		t.Error("buyer-only refused a buyer")
	}
	if auth.Only(auth.RoleAdmin).Allows(buyer) {
		t.Error("admin-only allowed a buyer")
	}
	if auth.SignedIn.Allows(unverified) {
		t.Error("signed-in allowed an unverified supplier")
	}
	if !(auth.Access{AnyRole: true, AllowUnverified: true}).Allows(unverified) {
		t.Error("own-account access refused an unverified supplier")
	}
	if (auth.Access{}).Allows(buyer) {
		t.Error("the zero Access allowed someone")
	}
}
