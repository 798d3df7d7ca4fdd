package store

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// Password hashing parameters: OWASP's recommended minimum for argon2id
// (19 MiB of memory, two passes, one lane), which costs a few tens of
// milliseconds: slow for a guesser, unnoticeable at a login form.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

var b64 = base64.RawStdEncoding

// hashPassword returns password's argon2id hash in the PHC string format,
// $argon2id$v=19$m=19456,t=2,p=1$salt$hash, which carries its own parameters
// so that they can be raised later without breaking stored hashes.
func hashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var errBadHash = errors.New("malformed password hash")

// verifyPassword reports whether password matches an encoded hash.
func verifyPassword(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, errBadHash
	}
	// A damaged row must not be able to make one login allocate gigabytes.
	if m == 0 || m > 1<<20 || t == 0 || t > 16 || p == 0 {
		return false, errBadHash
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 || len(want) > 128 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is checked against when an email is unknown, so that a failed
// login takes as long whether or not the account exists.
var dummyHash = sync.OnceValue(func() string {
	h, err := hashPassword(rand.Text())
	if err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return h
})

// commonPasswords are the passwords guessers try first (the top of the
// published breach lists) that are long enough to pass the length rule;
// shorter ones are refused by it anyway.
var commonPasswords = map[string]bool{
	"1234567890": true, "12345678910": true, "123456789a": true, "1q2w3e4r5t": true,
	"qwertyuiop": true, "0987654321": true, "1111111111": true, "0000000000": true,
	"password1234": true, "password123": true, "password12": true, "passw0rd123": true,
	"iloveyou123": true, "qwerty12345": true, "qwerty123456": true, "abcdefghij": true,
	"1qaz2wsx3edc": true, "zaq12wsxcde3": true, "a1234567890": true, "aa12345678": true,
	"abc1234567": true, "abcd123456": true, "administrator": true, "letmein123": true,
	"welcome123": true, "football123": true, "baseball123": true, "sunshine123": true,
	"princess123": true, "dragon1234": true, "monkey12345": true, "superman123": true,
	"changeme123": true, "trustno1234": true, "starwars123": true, "passwordpassword": true,
	"woaini1314": true, "woaini520": true, "5201314520": true, "1314520520": true,
	"a123456789": true, "qq123456789": true, "asdfghjkl": true, "asdfghjkl123": true,
	"zxcvbnm123": true, "q1w2e3r4t5": true, "p@ssw0rd123": true, "987654321a": true,
}

// commonPassword reports whether pw, ignoring case, is on commonPasswords.
func commonPassword(pw string) bool {
	return commonPasswords[strings.ToLower(pw)]
}
