package auth

import "github.com/fairtender/fairtender/backend/platform/secretbox"

// SecretboxKey gives the black-box tests the signing key so they can forge tokens the signer must refuse.
func SecretboxKey() ([]byte, error) { return secretbox.DeriveKey(testSecret, "access-token") }

const testSecret = "0123456789abcdef0123456789abcdef0123456789abcdef"
