package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/fairtender/fairtender/backend/platform/secretbox"
	"github.com/golang-jwt/jwt/v5"
)

// NewToken returns a random URL-safe token (256 bits) for links and refresh tokens, and the hash
// that is stored in its place so a database leak does not hand out working links.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("auth: no randomness: " + err.Error())
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the stored form of a token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Signer issues and checks access tokens (JWT, HS256) under a key derived from the secret key.
type Signer struct {
	key    []byte
	issuer string
	ttl    time.Duration
	now    func() time.Time
}

// AccessClaims are the claims of an access token: who (sub) and which session (sid). Role and
// verification state are read from the database on each request so changes apply at once.
type AccessClaims struct {
	SessionID string `json:"sid"`
	jwt.RegisteredClaims
}

// ErrInvalidToken is returned for any token that is malformed, forged, expired or of another kind.
var ErrInvalidToken = errors.New("auth: invalid or expired token")

// NewSigner returns a Signer; now is the injected clock.
func NewSigner(secret, issuer string, ttl time.Duration, now func() time.Time) (*Signer, error) {
	key, err := secretbox.DeriveKey(secret, "access-token")
	if err != nil {
		return nil, err
	}
	return &Signer{key: key, issuer: issuer, ttl: ttl, now: now}, nil
}

// TTL is how long an access token lasts.
func (s *Signer) TTL() time.Duration { return s.ttl }

// Issue returns a signed access token for the user's session.
func (s *Signer) Issue(userID, sessionID string) (string, error) {
	now := s.now()
	claims := AccessClaims{
		SessionID: sessionID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    s.issuer,
			Subject:   userID,
			Audience:  jwt.ClaimStrings{"fairtender-api"},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-time.Minute)),
			ExpiresAt: jwt.NewNumericDate(now.Add(s.ttl)),
		},
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.key)
	if err != nil {
		return "", fmt.Errorf("auth: unable to sign token: %w", err)
	}
	return tok, nil
}

// Parse checks a token's signature (HS256 only), expiry (required), issuer and audience.
func (s *Signer) Parse(token string) (AccessClaims, error) {
	var claims AccessClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return s.key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuer(s.issuer),
		jwt.WithAudience("fairtender-api"),
		jwt.WithTimeFunc(s.now),
	)
	if err != nil || claims.Subject == "" || claims.SessionID == "" {
		return AccessClaims{}, ErrInvalidToken
	}
	return claims, nil
}
